using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.WorkerHost.Pool;

/// <summary>
/// The host's input side: whatever feeds tasks (the API's socket today, a queue consumer later) sees only this.
/// </summary>
public interface ITaskDispatcher
{
    /// <summary>
    /// Runs a task on the next free worker. <paramref name="started"/> is called when a worker starts it (for a task
    /// queued ahead in a busy worker's pipe, when the task before it ends). Cancelling
    /// <paramref name="cancellationToken"/> drops a waiting task (NotStarted) or kills the worker running it (Cancelled).
    /// Never throws for the task's own failure: every outcome is a <see cref="TaskCompletedMessage"/>.
    /// </summary>
    Task<TaskCompletedMessage> RunAsync(RunTaskMessage task, Action<TaskStartedMessage> started, CancellationToken cancellationToken);

    PoolState Describe();
}
