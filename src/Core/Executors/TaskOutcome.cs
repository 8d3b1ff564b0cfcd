using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.Core.Executors;

/// <summary>How a task ended: its record (worker, timings, status) and, when it succeeded, its output.</summary>
public sealed record TaskOutcome(TaskRecord Record, object? Output)
{
    public static TaskOutcome NotStarted(int index) =>
        new(new TaskRecord(index, TaskRunStatus.NotStarted, null, null, null, null, null), null);

    /// <summary>A task that failed before any worker took it (e.g. the worker host was down).</summary>
    public static TaskOutcome FailedBeforeStart(int index, string error) =>
        new(new TaskRecord(index, TaskRunStatus.Failed, null, null, null, null, error), null);
}
