using ConcurrencyService.Api.Jobs;

namespace ConcurrencyService.Api.Executors;

/// <summary>An executor's state: its workers, its queue and what its jobs came to since start-up.</summary>
public sealed record ExecutorInfo(
    ExecutorKind Name,
    bool Available,
    string Description,
    int WorkerCount,
    int BusyWorkers,
    IReadOnlyList<WorkerInfo> Workers,
    int QueueDepth,
    int QueueCapacity,
    int PendingTasks,
    int RunningJobs,
    long SucceededJobs,
    long FailedJobs,
    long CancelledJobs,
    long TimedOutJobs);

/// <summary>One worker: its name, the OS process and thread it runs on, whether it is executing, and how many tasks it has started.</summary>
public sealed record WorkerInfo(string Name, int ProcessId, long? ThreadId, WorkerState State, long TasksStarted);

public enum WorkerState
{
    Idle,
    Busy,
}

/// <summary>What an executor reports about its own workers.</summary>
public sealed record ExecutorWorkers(string Description, IReadOnlyList<WorkerInfo> Workers, int PendingTasks);
