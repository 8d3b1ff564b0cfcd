using ConcurrencyService.WorkerHost.Processes;

namespace ConcurrencyService.WorkerHost.Pool;

/// <summary>
/// When a healthy warm worker is replaced anyway, as Celery's max-tasks-per-child and max-memory-per-child do: to
/// bound leaks and heap growth that no single task shows. Checked after each task, never during one, and before a task
/// is queued ahead in it (so a worker over its memory limit may run the one task already queued ahead before it goes).
/// </summary>
public static class RecyclePolicy
{
    /// <summary>
    /// Why <paramref name="process"/> should be replaced now, or null to keep it. With <paramref name="running"/> 1 (a
    /// task still running), whether it will be due once that task ends: then no task is queued ahead in it.
    /// </summary>
    public static string? Reason(WorkerPoolOptions options, WorkerProcess process, int running = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(process);
        if (options.MaxTasksPerChild > 0 && process.TasksDone + running >= options.MaxTasksPerChild)
        {
            return $"it ran {process.TasksDone + running} tasks (Pool:MaxTasksPerChild)";
        }

        if (options.MaxMemoryMbPerChild > 0 && process.ResidentMemoryBytes is { } rss && rss > options.MaxMemoryMbPerChild * 1024L * 1024L)
        {
            return $"its resident memory of {rss / (1024.0 * 1024):0.#} MB is over {options.MaxMemoryMbPerChild} MB (Pool:MaxMemoryMbPerChild)";
        }

        return null;
    }
}
