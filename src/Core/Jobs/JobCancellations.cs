using System.Collections.Concurrent;

namespace ConcurrencyService.Core.Jobs;

/// <summary>The jobs this instance is running, so that a cancel request can reach the one running it.</summary>
public sealed class JobCancellations
{
    private readonly ConcurrentDictionary<Guid, JobRun> _running = new();

    public IDisposable Register(Guid jobId, JobRun run)
    {
        _running[jobId] = run;
        return new Registration(this, jobId);
    }

    /// <summary>True while this instance runs the job.</summary>
    public bool IsRunning(Guid jobId) => _running.ContainsKey(jobId);

    /// <summary>Asks a running job to stop; true if this instance is running it.</summary>
    public bool TryCancel(Guid jobId)
    {
        if (!_running.TryGetValue(jobId, out var run))
        {
            return false;
        }

        run.Stop(JobStopReason.CancelledByUser);
        return true;
    }

    private sealed class Registration(JobCancellations owner, Guid jobId) : IDisposable
    {
        public void Dispose() => owner._running.TryRemove(jobId, out _);
    }
}
