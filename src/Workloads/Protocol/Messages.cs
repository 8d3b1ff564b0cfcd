using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.Workloads.Protocol;

/// <summary>Sent by the host to each API connection first.</summary>
/// <param name="Plugins">
/// Each plugin the host's workers load, as <c>name=sha256</c> of its build (<see cref="PluginHash"/>), in load order: the
/// API compares them with its own and refuses a host that would run other code under a plugin's name.
/// </param>
public sealed record HostHello(int ProtocolVersion, int ProcessId, string Mode, int PoolSize, IReadOnlyList<string> Plugins)
{
    // 2: binary per-task frames; 3: TaskStarted only for a task still running after its notice delay; 4: pieces and
    // outputs in binary (IBinaryRecord) instead of JSON; 5: the plugins' hashes in the hello
    public const int CurrentVersion = 5;
}

/// <summary>
/// Run one piece of a workload. <see cref="TaskId"/> is chosen by the sender and unique per connection; the piece is in
/// the workload's binary form (<see cref="IWorkload.EncodePiece"/>), which the host passes on without reading it.
/// </summary>
public sealed record RunTaskMessage(long TaskId, string Workload, byte[] Piece);

/// <summary>
/// The host handed the task to a worker process, and it is still running <see cref="NoticeDelay"/> later. A task that
/// ends sooner gets no TaskStarted: its TaskCompleted carries the worker, pid and start (<see cref="TaskCompletedMessage.ImpliedStart"/>).
/// </summary>
/// <remarks>
/// Measured on 2 cores (docs/performance.md, "TaskStarted only for a task still running after 1 ms"): a start notice per task woke the API's reader once more per task and
/// cost a warm no-op round trip about a fifth of its time and CPU, to announce a start whose result was already on its way.
/// </remarks>
public sealed record TaskStartedMessage(long TaskId, string Worker, int ProcessId, DateTimeOffset StartedAt)
{
    /// <summary>How long a task runs before the host says it started; it is at most this late on the API's live view.</summary>
    public static readonly TimeSpan NoticeDelay = TimeSpan.FromMilliseconds(1);
}

/// <summary>
/// How a task ended. A worker fills in the result and its own timings; the host adds which worker ran it and
/// how long the task waited for a free worker (<see cref="HostQueueMs"/>). A crashed worker's task comes back
/// <see cref="TaskRunStatus.Failed"/> with an error naming the process id and exit code or signal. <see cref="Output"/>
/// is in the workload's binary form (<see cref="IWorkload.DecodeOutput"/>).
/// </summary>
public sealed record TaskCompletedMessage(
    long TaskId,
    TaskRunStatus Status,
    byte[]? Output,
    string? Error,
    string? Worker,
    int? ProcessId,
    long? ThreadId,
    DateTimeOffset? StartedAt,
    double? DurationMs,
    double? CpuTimeMs,
    double HostQueueMs)
{
    /// <summary>
    /// The start this result stands for when no TaskStarted came before it (the task ended within the notice delay):
    /// null if the task never reached a worker.
    /// </summary>
    public TaskStartedMessage? ImpliedStart() =>
        Status != TaskRunStatus.NotStarted && ProcessId is { } pid && StartedAt is { } at
            ? new TaskStartedMessage(TaskId, Worker ?? $"pid-{pid}", pid, at)
            : null;
}

/// <summary>Stop a task: the host kills the worker process (tree) running it, or drops it if it has not started.</summary>
public sealed record CancelTaskMessage(long TaskId);

public sealed record DescribeRequest(long RequestId);

public sealed record PoolStateMessage(long RequestId, PoolState State);

/// <summary>The worker pool as the host sees it.</summary>
/// <param name="Mode"><c>warm</c>: long-lived workers; <c>spawn</c>: a fresh process per task.</param>
/// <param name="Problem">Set when workers keep dying at start and the pool is backing off.</param>
public sealed record PoolState(
    string Mode,
    int PoolSize,
    int HostProcessId,
    int PendingTasks,
    long TasksCompleted,
    long TasksFailed,
    long WorkersCrashed,
    long WorkersKilled,
    long WorkersRecycled,
    IReadOnlyList<WorkerProcessState> Workers,
    string? Problem);

/// <summary>One worker slot and the process in it now.</summary>
/// <param name="State"><c>starting</c>, <c>idle</c>, <c>busy</c>, <c>backoff</c> or <c>stopped</c>.</param>
/// <param name="Restarts">Processes started in this slot after the first.</param>
/// <param name="LastExit">How the slot's previous process ended, e.g. "pid 4242 exited with code 3".</param>
public sealed record WorkerProcessState(
    string Name,
    int? ProcessId,
    long? ThreadId,
    string State,
    double UptimeSeconds,
    long TasksDone,
    long? ResidentMemoryBytes,
    int Restarts,
    string? LastExit);

/// <summary>A worker process is up and waiting for work on its single task thread.</summary>
public sealed record WorkerReady(int ProcessId, long ThreadId);
