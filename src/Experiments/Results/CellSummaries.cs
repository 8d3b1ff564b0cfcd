namespace ConcurrencyService.Experiments.Results;

/// <summary>Turns a scaling experiment's runs into one summary per cell, against the sequential baseline's median.</summary>
public static class CellSummaries
{
    /// <param name="cores">The machine's logical cores: CPU-bound work cannot speed up beyond them.</param>
    /// <param name="cpuBound">The workload computes rather than waits (its kind is CPU).</param>
    public static IReadOnlyList<CellView> From(IReadOnlyList<RunMeasurement> runs, ScalingMode mode, int cores = int.MaxValue, bool cpuBound = false)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var sequential = runs.Where(r => r.Executor == ExperimentExecutor.Sequential).ToList();
        var baseline = sequential.Count > 0
            ? new Baseline([.. sequential.Select(r => r.WallMs)], MedianOrNull(sequential.Select(r => r.CpuMs)))
            : null;
        return [.. runs
            .GroupBy(r => (r.Executor, r.Workers))
            .OrderBy(g => g.Key.Executor)
            .ThenBy(g => g.Key.Workers)
            .Select(g => Summarise(g.Key.Executor, g.Key.Workers, [.. g], baseline, mode, cores, cpuBound))];
    }

    /// <summary>
    /// What N workers can reach at best: N; for CPU-bound work no more than the cores, and 1 under a GIL, which lets one
    /// thread compute at a time; for work that waits, on threads, the run's tasks.
    /// </summary>
    public static int Ideal(ExperimentExecutor executor, int workers, int cores, bool cpuBound, int tasks) => executor switch
    {
        ExperimentExecutor.Sequential => 1,
        ExperimentExecutor.ThreadsGil when cpuBound => 1,
        _ when cpuBound => Math.Max(1, Math.Min(workers, cores)),
        // A thread worker lets go of its thread while a task waits (an awaited timer, socket or file), so on threads every
        // task of a run can wait at once, however few the workers: ten 0.5 s sleeps on one thread take 0.5 s.
        ExperimentExecutor.Threads or ExperimentExecutor.ThreadsGil => Math.Max(workers, tasks),
        _ => workers,
    };

    private static CellView Summarise(
        ExperimentExecutor executor, int workers, IReadOnlyList<RunMeasurement> runs, Baseline? baseline, ScalingMode mode, int cores, bool cpuBound)
    {
        var walls = runs.Select(r => r.WallMs).ToList();
        var wall = ScalingMath.Median(walls);
        var n = executor == ExperimentExecutor.Sequential ? 1 : workers;
        double? speedup = baseline is { } b && wall > 0 ? ScalingMath.Speedup(b.WallMs, wall, n, mode) : null;
        double? efficiency = speedup is { } s ? ScalingMath.Efficiency(s, n) : null;
        var cpu = MedianOrNull(runs.Select(r => r.CpuMs));
        double? cpuRatio = cpu is { } c && baseline?.CpuMs is { } bc && bc > 0 ? Math.Round(c / (bc * (mode == ScalingMode.Weak ? n : 1)), 3) : null;
        var interval = baseline is null || executor == ExperimentExecutor.Sequential
            ? null
            : SpeedupInterval.From(baseline.Walls, walls, mode == ScalingMode.Weak ? n : 1);
        var taskRun = MedianOrNull(runs.Select(r => r.TaskRunMs));
        // Workers that can be busy at once: no more than the tasks of a run.
        var slots = Math.Max(1, Math.Min(n, runs[0].Tasks));
        double? occupancy = taskRun is { } busy && wall > 0 ? Math.Round(busy / (slots * wall), 3) : null;
        var ideal = Ideal(executor, n, cores, cpuBound, runs[0].Tasks);
        List<string> flags = [];
        if (speedup > ideal && executor != ExperimentExecutor.Sequential)
        {
            flags.Add(CellFlags.AboveIdeal);
        }

        if (occupancy < Advice.AdviceRules.Occupied && executor != ExperimentExecutor.Sequential)
        {
            flags.Add(CellFlags.WorkersIdle);
        }

        return new CellView(
            executor.Name(),
            workers,
            runs[0].Tasks,
            runs.Count,
            Round(wall),
            cpu,
            cpuRatio,
            MedianOrNull(runs.Select(r => r.GilWaitMs)),
            speedup is { } sp ? Math.Round(sp, 3) : null,
            efficiency is { } e ? Math.Round(e, 3) : null,
            Rounded(ScalingMath.Spread(walls)),
            [.. walls.Select(Round)],
            interval,
            ideal,
            taskRun,
            occupancy,
            MedianOrNull(runs.Select(r => r.DispatchOverheadMs)),
            flags);
    }

    private static double? MedianOrNull(IEnumerable<double?> values)
    {
        var known = values.ToList();
        return known.Count > 0 && known.All(v => v is not null) ? Round(ScalingMath.Median([.. known.Select(v => v!.Value)])) : null;
    }

    private static Spread Rounded(Spread spread) =>
        new(Round(spread.Min), Round(spread.Max), spread.StdDev is { } s ? Round(s) : null, spread.Iqr is { } i ? Round(i) : null);

    private static double Round(double ms) => Math.Round(ms, 3);

    private sealed record Baseline(IReadOnlyList<double> Walls, double? CpuMs)
    {
        public double WallMs { get; } = ScalingMath.Median(Walls);
    }
}
