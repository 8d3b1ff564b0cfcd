using ConcurrencyService.WorkerHost.Processes;

namespace ConcurrencyService.WorkerHost.Pool;

/// <summary>
/// When a healthy warm worker is replaced anyway, as Celery's max-tasks-per-child and max-memory-per-child do: to
/// bound leaks and heap growth that no single task shows. Checked after each task, never during one.
/// </summary>
public static class RecyclePolicy
{
    /// <summary>Why <paramref name="process"/> should be replaced now, or null to keep it.</summary>
    public static string? Reason(WorkerPoolOptions options, WorkerProcess process)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(process);
        if (options.MaxTasksPerChild > 0 && process.TasksDone >= options.MaxTasksPerChild)
        {
            return $"it ran {process.TasksDone} tasks (Pool:MaxTasksPerChild)";
        }

        if (options.MaxMemoryMbPerChild > 0 && process.ResidentMemoryBytes is { } rss && rss > options.MaxMemoryMbPerChild * 1024L * 1024L)
        {
            return $"its resident memory of {rss / (1024.0 * 1024):0.#} MB is over {options.MaxMemoryMbPerChild} MB (Pool:MaxMemoryMbPerChild)";
        }

        return null;
    }
}
