namespace ConcurrencyService.Experiments;

/// <summary>What an experiment compares. Each runs through the real executor code, on workers dedicated to the experiment.</summary>
public enum ExperimentExecutor
{
    /// <summary>The job's pieces one after another on one thread: the baseline every speedup is measured against.</summary>
    Sequential,

    /// <summary>A fresh thread executor with exactly N worker threads.</summary>
    Threads,

    /// <summary>The same, with its tasks under a fresh emulated GIL.</summary>
    ThreadsGil,

    /// <summary>A warm pool of worker processes of a worker host started for the experiment, N tasks in flight at most.</summary>
    Processes,

    /// <summary>The same in spawn mode, without spares: every task starts a fresh process.</summary>
    ProcessesSpawn,
}

/// <summary>The executors' names in requests and results: <c>sequential</c>, <c>threads</c>, <c>threads+gil</c>, <c>processes</c>, <c>processes-spawn</c>.</summary>
public static class ExperimentExecutors
{
    private static readonly Dictionary<ExperimentExecutor, string> Names = new()
    {
        [ExperimentExecutor.Sequential] = "sequential",
        [ExperimentExecutor.Threads] = "threads",
        [ExperimentExecutor.ThreadsGil] = "threads+gil",
        [ExperimentExecutor.Processes] = "processes",
        [ExperimentExecutor.ProcessesSpawn] = "processes-spawn",
    };

    public static IReadOnlyCollection<string> All => Names.Values;

    public static string Name(this ExperimentExecutor executor) => Names[executor];

    public static bool TryParse(string name, out ExperimentExecutor executor)
    {
        foreach (var (kind, known) in Names)
        {
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
            {
                executor = kind;
                return true;
            }
        }

        executor = default;
        return false;
    }

    public static bool IsProcesses(this ExperimentExecutor executor) => executor is ExperimentExecutor.Processes or ExperimentExecutor.ProcessesSpawn;
}
