using System.Text.Json.Nodes;
using ConcurrencyService.Api.Jobs;

using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.Api.Executors;

/// <summary>How a task ended: its record (worker, timings, status) and, when it succeeded, its output.</summary>
public sealed record TaskOutcome(TaskRecord Record, JsonNode? Output)
{
    public static TaskOutcome NotStarted(int index) =>
        new(new TaskRecord(index, TaskRunStatus.NotStarted, null, null, null, null, null), null);
}
