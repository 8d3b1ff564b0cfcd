using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.WorkerHost.Pool;

/// <summary>The results the host writes itself, when a worker could not (never ran the task, died, was killed).</summary>
public static class TaskResults
{
    public static TaskCompletedMessage NotStarted(RunTaskMessage task, TimeSpan waited, string why) =>
        new(task.TaskId, TaskRunStatus.NotStarted, null, why, null, null, null, null, null, null, waited.TotalMilliseconds);

    /// <summary>The worker died under the task, killed by the host (cancel) or not (crash, shutdown).</summary>
    /// <remarks>The slot fills in the worker's name and the queue time, as for a result the worker wrote.</remarks>
    public static TaskCompletedMessage Ended(
        RunTaskMessage task, TaskRunStatus status, string error, int processId, long? threadId, DateTimeOffset startedAt, TimeSpan ran) =>
        new(task.TaskId, status, null, error, null, processId, threadId, startedAt, ran.TotalMilliseconds, null, 0);
}
