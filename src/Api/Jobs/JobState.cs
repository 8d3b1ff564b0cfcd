using System.Collections.Immutable;
using System.Text.Json;
using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.Api.Jobs;

/// <summary>
/// A job as the store keeps it: immutable, replaced whole on every transition, so a store can compare and
/// swap and a reader never sees half an update. Timestamps come from the monotonic clock, so their
/// differences are true elapsed times.
/// </summary>
public sealed record JobState
{
    public required Guid Id { get; init; }

    public required string Workload { get; init; }

    /// <summary>The validated parameters with defaults filled in.</summary>
    public required JsonElement Parameters { get; init; }

    public required ExecutorKind Executor { get; init; }

    public required int Tasks { get; init; }

    public required int TimeoutMs { get; init; }

    /// <summary>The tasks ran under the emulated GIL.</summary>
    public bool Gil { get; init; }

    public JobStatus Status { get; init; } = JobStatus.Queued;

    public JsonElement? Result { get; init; }

    public JobError? Error { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public TimeSpan? CpuTime { get; init; }

    public ImmutableArray<TaskRecord> TaskRuns { get; init; } = [];
}

/// <summary>Why a job did not succeed. <see cref="Code"/> is stable for programs; <see cref="Message"/> is for people.</summary>
public sealed record JobError(string Code, string Message);

/// <summary>One task (piece) of a job as it ran on a worker.</summary>
/// <param name="DispatchOverhead">Time the task spent outside the workload and outside any queue: sending, receiving, (de)serialising. Null for in-process threads.</param>
public sealed record TaskRecord(
    int Index,
    TaskRunStatus Status,
    WorkerIdentity? Worker,
    DateTimeOffset? StartedAt,
    TimeSpan? Duration,
    TimeSpan? CpuTime,
    string? Error,
    TimeSpan? DispatchOverhead = null)
{
    /// <summary>Under GIL emulation, the part of <see cref="Duration"/> the task spent waiting for the GIL.</summary>
    public TimeSpan? GilWait { get; init; }
}

/// <summary>Which worker ran a task: its name, and the OS process and thread ids it ran on.</summary>
public sealed record WorkerIdentity(string Name, int ProcessId, long ThreadId);
