namespace ConcurrencyService.Api.Jobs;

/// <summary>One run of a job: the token its tasks observe and the first reason it was told to stop.</summary>
public sealed class JobRun : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly CancellationTokenRegistration _shutdown;
    private int _reason = (int)JobStopReason.None;

    public JobRun(CancellationToken shutdown)
    {
        _cts = new CancellationTokenSource();
        _shutdown = shutdown.Register(() => Stop(JobStopReason.Shutdown));
    }

    public CancellationToken Token => _cts.Token;

    public JobStopReason Reason => (JobStopReason)Volatile.Read(ref _reason);

    /// <summary>Cancels the tasks; the first reason given wins.</summary>
    public void Stop(JobStopReason reason)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, (int)JobStopReason.None) == (int)JobStopReason.None)
        {
            _cts.Cancel();
        }
    }

    /// <summary>Stops the run with <see cref="JobStopReason.TimedOut"/> after <paramref name="delay"/>.</summary>
    public IDisposable StopAfter(TimeSpan delay) =>
        new Timer(_ => Stop(JobStopReason.TimedOut), null, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        _shutdown.Dispose();
        _cts.Dispose();
    }
}

public enum JobStopReason
{
    None,
    TaskFailed,
    CancelledByUser,
    TimedOut,
    Shutdown,
}
