namespace ConcurrencyService.Core.Executors;

/// <summary>Where a job's tasks run: in-process thread workers, or worker processes of the worker host.</summary>
public enum ExecutorKind
{
    Threads,
    Processes,
}
