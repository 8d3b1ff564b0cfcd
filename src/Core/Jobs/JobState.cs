using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using ConcurrencyService.Core.Executors;

namespace ConcurrencyService.Core.Jobs;

/// <summary>
/// A job as the store keeps it: immutable, replaced whole on every transition, so a store can compare and
/// swap and a reader never sees half an update. Timestamps come from the monotonic clock, so their
/// differences are true elapsed times.
/// </summary>
public sealed record JobState
{
    public required Guid Id { get; init; }

    public required string Workload { get; init; }

    /// <summary>The validated parameters with defaults filled in, as the job's view shows them.</summary>
    public required JsonElement Parameters { get; init; }

    /// <summary>The workload and its parameters as bound once at submission, so that running the job neither looks the workload up nor binds again.</summary>
    public required JobSpec Spec { get; init; }

    /// <summary>The queue's own id for the job (Hangfire's job id), once it is queued.</summary>
    public string? QueueJobId { get; init; }

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

    /// <summary>One record per task from submission on: queued, then running with its worker, then how it ended. Those of the latest attempt.</summary>
    public ImmutableArray<TaskRecord> TaskRuns { get; init; } = [];

    /// <summary>Every run of the job, oldest first; the last one is current. Empty until a node takes the job.</summary>
    public ImmutableArray<JobAttempt> Attempts { get; init; } = [];

    /// <summary>The attempt under way (not ended), if any.</summary>
    [JsonIgnore]
    public JobAttempt? CurrentAttempt => Attempts.IsDefaultOrEmpty || Attempts[^1].EndedAt is not null ? null : Attempts[^1];
}

/// <summary>Why a job did not succeed. <see cref="Code"/> is stable for programs; <see cref="Message"/> is for people.</summary>
public sealed record JobError(string Code, string Message);
