using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.WorkerHost.Pool;

/// <summary>Totals since start-up, for <see cref="ConcurrencyService.Workloads.Protocol.PoolState"/>.</summary>
public sealed class PoolCounters
{
    private long _tasksCompleted;
    private long _tasksFailed;
    private long _workersCrashed;
    private long _workersKilled;
    private long _workersRecycled;

    /// <summary>Tasks that ran and succeeded.</summary>
    public long TasksCompleted => Interlocked.Read(ref _tasksCompleted);

    /// <summary>Tasks that ran and failed, by the workload's own error or by their worker's death.</summary>
    public long TasksFailed => Interlocked.Read(ref _tasksFailed);

    /// <summary>Worker processes that died without being asked to, at start or later.</summary>
    public long WorkersCrashed => Interlocked.Read(ref _workersCrashed);

    /// <summary>Worker processes killed to cancel the task they ran.</summary>
    public long WorkersKilled => Interlocked.Read(ref _workersKilled);

    /// <summary>Worker processes replaced by MaxTasksPerChild or MaxMemoryMbPerChild.</summary>
    public long WorkersRecycled => Interlocked.Read(ref _workersRecycled);

    public void TaskEnded(TaskRunStatus status)
    {
        if (status == TaskRunStatus.Succeeded)
        {
            Interlocked.Increment(ref _tasksCompleted);
        }
        else if (status == TaskRunStatus.Failed)
        {
            Interlocked.Increment(ref _tasksFailed);
        }
    }

    public void WorkerCrashed() => Interlocked.Increment(ref _workersCrashed);

    public void WorkerKilled() => Interlocked.Increment(ref _workersKilled);

    public void WorkerRecycled() => Interlocked.Increment(ref _workersRecycled);
}
