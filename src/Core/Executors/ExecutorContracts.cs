namespace ConcurrencyService.Core.Executors;

/// <summary>An executor's state: its workers, its queue and what its jobs came to since start-up.</summary>
/// <param name="QueueDepth">Jobs accepted and not yet started.</param>
/// <param name="PendingTasks">Tasks of started jobs waiting for a free worker.</param>
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
    long TimedOutJobs)
{
    /// <summary>Set when the executor is degraded, e.g. workers keep dying at start and the pool is backing off.</summary>
    public string? Problem { get; init; }

    /// <summary>Processes: the worker host's pool.</summary>
    public ProcessPoolInfo? Pool { get; init; }

    /// <summary>
    /// Threads: worker threads abandoned since start-up because a task ignored its cancellation or timeout; each was
    /// replaced, so the pool kept its size. Those still running are listed in <c>workers</c> as <c>abandoned</c>.
    /// </summary>
    public long AbandonedWorkers { get; init; }
}

/// <summary>The worker host's pool of processes.</summary>
/// <param name="Mode"><c>warm</c> (long-lived workers) or <c>spawn</c> (a fresh process per task).</param>
/// <param name="HostProcessId">The worker host's process id.</param>
/// <param name="WorkersCrashed">Worker processes that died while running a task or at start.</param>
/// <param name="WorkersKilled">Worker processes killed for a timeout or a cancel.</param>
/// <param name="WorkersRecycled">Worker processes replaced after MaxTasksPerChild or MaxMemoryMbPerChild.</param>
public sealed record ProcessPoolInfo(string Mode, int HostProcessId, long WorkersCrashed, long WorkersKilled, long WorkersRecycled);

/// <summary>One worker: its name, the OS process and thread it runs on, its state, and how many tasks it has taken.</summary>
public sealed record WorkerInfo(string Name, int ProcessId, long? ThreadId, WorkerState State, long TasksStarted)
{
    /// <summary>Processes: seconds since this worker process started.</summary>
    public double? UptimeSeconds { get; init; }

    /// <summary>Processes: the worker process's resident memory.</summary>
    public long? ResidentMemoryBytes { get; init; }

    /// <summary>Processes: processes started in this slot after the first.</summary>
    public int? Restarts { get; init; }

    /// <summary>Processes: how the slot's previous process ended.</summary>
    public string? LastExit { get; init; }
}

public enum WorkerState
{
    Idle,
    Busy,
    Starting,
    Backoff,
    Stopped,

    /// <summary>Threads: a thread given up on because its task ignored cancellation; it no longer counts as a worker.</summary>
    Abandoned,
}

/// <summary>What an executor reports about its own workers.</summary>
public sealed record ExecutorWorkers(string Description, IReadOnlyList<WorkerInfo> Workers, int PendingTasks)
{
    public string? Problem { get; init; }

    /// <summary>Threads: workers abandoned since start-up (see <see cref="WorkerState.Abandoned"/>).</summary>
    public long AbandonedWorkers { get; init; }

    public ProcessPoolInfo? Pool { get; init; }
}
