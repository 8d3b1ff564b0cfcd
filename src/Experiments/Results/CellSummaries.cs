namespace ConcurrencyService.Experiments.Results;

/// <summary>Turns a scaling experiment's runs into one summary per cell, against the sequential baseline's median.</summary>
public static class CellSummaries
{
    public static IReadOnlyList<CellView> From(IReadOnlyList<RunMeasurement> runs, ScalingMode mode)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var sequential = runs.Where(r => r.Executor == ExperimentExecutor.Sequential).ToList();
        var baseline = sequential.Count > 0 ? new Baseline(ScalingMath.Median([.. sequential.Select(r => r.WallMs)]), MedianOrNull(sequential.Select(r => r.CpuMs))) : null;
        return [.. runs
            .GroupBy(r => (r.Executor, r.Workers))
            .OrderBy(g => g.Key.Executor)
            .ThenBy(g => g.Key.Workers)
            .Select(g => Summarise(g.Key.Executor, g.Key.Workers, [.. g], baseline, mode))];
    }

    private static CellView Summarise(ExperimentExecutor executor, int workers, IReadOnlyList<RunMeasurement> runs, Baseline? baseline, ScalingMode mode)
    {
        var walls = runs.Select(r => r.WallMs).ToList();
        var wall = ScalingMath.Median(walls);
        var n = executor == ExperimentExecutor.Sequential ? 1 : workers;
        double? speedup = baseline is { } b && wall > 0 ? ScalingMath.Speedup(b.WallMs, wall, n, mode) : null;
        double? efficiency = speedup is { } s ? ScalingMath.Efficiency(s, n) : null;
        var cpu = MedianOrNull(runs.Select(r => r.CpuMs));
        double? cpuRatio = cpu is { } c && baseline?.CpuMs is { } bc && bc > 0 ? Math.Round(c / (bc * (mode == ScalingMode.Weak ? n : 1)), 3) : null;
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
            [.. walls.Select(Round)]);
    }

    private static double? MedianOrNull(IEnumerable<double?> values)
    {
        var known = values.ToList();
        return known.Count > 0 && known.All(v => v is not null) ? Round(ScalingMath.Median([.. known.Select(v => v!.Value)])) : null;
    }

    private static Spread Rounded(Spread spread) =>
        new(Round(spread.Min), Round(spread.Max), spread.StdDev is { } s ? Round(s) : null, spread.Iqr is { } i ? Round(i) : null);

    private static double Round(double ms) => Math.Round(ms, 3);

    private sealed record Baseline(double WallMs, double? CpuMs);
}
