namespace ConcurrencyService.Core.Jobs;

/// <summary>One run of a job: the token its tasks observe and the first reason it was told to stop.</summary>
public sealed class JobRun : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private int _reason = (int)JobStopReason.None;
    private Timer? _timeout;

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

    /// <summary>Stops the run with <see cref="JobStopReason.TimedOut"/> after <paramref name="delay"/>. Called once, when the first task starts.</summary>
    public void StopAfter(TimeSpan delay)
    {
        var timer = new Timer(_ => Stop(JobStopReason.TimedOut), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (Interlocked.CompareExchange(ref _timeout, timer, null) is not null)
        {
            timer.Dispose();
            return;
        }

        timer.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _timeout?.Dispose();
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

    /// <summary>The queue's token fired (shutdown, a delete, or a hand-over); which of them is asked once the tasks have stopped.</summary>
    Interrupted,

    /// <summary>Stopped to be run again elsewhere: the node is stopping with shared storage, or the queue handed the job to another worker.</summary>
    Released,
}
