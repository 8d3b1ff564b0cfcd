namespace ConcurrencyService.Experiments.Running;

/// <summary>What a calibration times: the job as <see cref="Tasks"/> tasks, <see cref="Rounds"/> copies of it per run, each cell <see cref="Repetitions"/> times.</summary>
/// <param name="SkippedSingleWorker">The 1-worker cells were left out to keep the budget.</param>
internal sealed record CalibrationBatch(
    int Tasks, int Rounds, IReadOnlyList<int> Workers, int Repetitions, IReadOnlyList<(ExperimentExecutor Executor, int Workers)> Cells, bool SkippedSingleWorker);

/// <summary>
/// Sizes a calibration from its probe so it keeps its budget: a cost model of each cell's run from one task's time and CPU
/// share, then the most repetitions (four at least, for a 95% interval) and enough copies of the job per run that the
/// shortest cell lasts <see cref="ShortestCellMs"/>.
/// </summary>
internal static class CalibrationBudget
{
    /// <summary>Four runs on each side give a speedup its 95% interval.</summary>
    public const int MinRepetitions = 4;

    public const int MaxRepetitions = 8;

    /// <summary>Well above the noise rules' 100 × clock tick and 100 × a worker process's per-task overhead (under 1 ms).</summary>
    public const double ShortestCellMs = 100;

    /// <summary>Tasks a run may hand over at most, so a tiny task cannot make a run of millions.</summary>
    private const int MaxTasksPerRun = 2_000;

    public static readonly ExperimentExecutor[] Compared = [ExperimentExecutor.Threads, ExperimentExecutor.ThreadsGil, ExperimentExecutor.Processes];

    /// <summary>1, 2, 4, … up to the cores, and the cores; twice the cores as well for work that waits (more workers than cores pay off there).</summary>
    public static IReadOnlyList<int> WorkerCounts(int cores, bool waits)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cores);
        var counts = new SortedSet<int> { cores };
        for (var n = 1; n < cores; n *= 2)
        {
            counts.Add(n);
        }

        if (waits)
        {
            counts.Add(2 * cores);
        }

        return [.. counts];
    }

    /// <summary>A run's expected wall time: waves of tasks on N workers, or the CPU work over the cores it can use, whichever is longer.</summary>
    public static double CellMs(ExperimentExecutor executor, int workers, int tasks, double taskMs, double cpuShare, int cores)
    {
        if (executor == ExperimentExecutor.Sequential)
        {
            return tasks * taskMs;
        }

        var waves = Math.Ceiling((double)tasks / workers) * taskMs;
        var lanes = executor == ExperimentExecutor.ThreadsGil ? 1 : Math.Min(workers, cores);
        return Math.Max(waves, tasks * taskMs * cpuShare / lanes);
    }

    /// <summary>The batch that fits <paramref name="availableMs"/>, or null when not even four runs of each cell do.</summary>
    public static CalibrationBatch? Plan(double availableMs, int cores, bool waits, double taskMs, double cpuShare)
    {
        var workers = WorkerCounts(cores, waits);
        var tasks = workers.Max();
        taskMs = Math.Max(taskMs, 0.001);
        foreach (var skipSingle in new[] { false, true })
        {
            var counts = skipSingle ? [.. workers.Where(n => n > 1)] : workers;
            if (counts.Count == 0 || (skipSingle && counts.Count == workers.Count))
            {
                continue;
            }

            List<(ExperimentExecutor, int)> cells = [(ExperimentExecutor.Sequential, 1), .. Compared.SelectMany(e => counts.Select(n => (e, n)))];
            var repetitionMs = cells.Sum(c => CellMs(c.Item1, c.Item2, tasks, taskMs, cpuShare, cores));
            if (MinRepetitions * repetitionMs > availableMs)
            {
                continue;
            }

            var shortest = cells.Min(c => CellMs(c.Item1, c.Item2, tasks, taskMs, cpuShare, cores));
            var rounds = (int)Math.Ceiling(ShortestCellMs / shortest);
            rounds = Math.Clamp(Math.Min(rounds, (int)Math.Min(int.MaxValue, availableMs / (MinRepetitions * repetitionMs))), 1, Math.Max(1, MaxTasksPerRun / tasks));
            var repetitions = (int)Math.Clamp(Math.Floor(availableMs / (rounds * repetitionMs)), MinRepetitions, MaxRepetitions);
            return new CalibrationBatch(tasks, rounds, counts, repetitions, cells, skipSingle);
        }

        return null;
    }
}
