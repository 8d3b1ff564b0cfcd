using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.Workloads.Protocol;

/// <summary>Sent by the host to each API connection first.</summary>
public sealed record HostHello(int ProtocolVersion, int ProcessId, string Mode, int PoolSize)
{
    public const int CurrentVersion = 2; // 2: binary per-task frames
}

/// <summary>Run one piece of a workload. <see cref="TaskId"/> is chosen by the sender and unique per connection.</summary>
public sealed record RunTaskMessage(long TaskId, string Workload, JsonNode Piece);

/// <summary>The host handed the task to a worker process.</summary>
public sealed record TaskStartedMessage(long TaskId, string Worker, int ProcessId, DateTimeOffset StartedAt);

/// <summary>
/// How a task ended. A worker fills in the result and its own timings; the host adds which worker ran it and
/// how long the task waited for a free worker (<see cref="HostQueueMs"/>). A crashed worker's task comes back
/// <see cref="TaskRunStatus.Failed"/> with an error naming the process id and exit code or signal.
/// </summary>
public sealed record TaskCompletedMessage(
    long TaskId,
    TaskRunStatus Status,
    JsonNode? Output,
    string? Error,
    string? Worker,
    int? ProcessId,
    long? ThreadId,
    DateTimeOffset? StartedAt,
    double? DurationMs,
    double? CpuTimeMs,
    double HostQueueMs);

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
