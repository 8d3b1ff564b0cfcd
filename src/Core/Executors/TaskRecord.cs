using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.Core.Executors;

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
