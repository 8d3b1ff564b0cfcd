namespace ConcurrencyService.Workloads.Execution;

/// <summary>How one task (piece) of a job ended.</summary>
public enum TaskRunStatus
{
    Succeeded,
    Failed,
    Cancelled,
    NotStarted,
}
