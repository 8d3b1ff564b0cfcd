namespace ConcurrencyService.Workloads.Execution;

/// <summary>
/// Where one task (piece) of a job is: <see cref="Queued"/> from the moment it is dispatched until a worker takes it,
/// <see cref="Running"/> while it runs, then one of the final four.
/// </summary>
public enum TaskRunStatus
{
    Succeeded,
    Failed,
    Cancelled,
    NotStarted,
    Queued,
    Running,
}
