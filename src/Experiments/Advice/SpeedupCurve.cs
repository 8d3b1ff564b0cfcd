namespace ConcurrencyService.Experiments.Advice;

/// <summary>Each cell's speedup over the sequential baseline, with its interval and flags.</summary>
internal static class SpeedupCurve
{
    public static IReadOnlyList<SpeedupPoint> From(Calibration calibration, Profile profile)
    {
        var baseline = calibration.Sequential.Select(r => r.WallMs).ToList();
        return [.. calibration.Cells
            .OrderBy(c => c.Executor)
            .ThenBy(c => c.Workers)
            .Select(cell => Point(cell, Intervals.Ratio(baseline, cell.WallMs), profile))];
    }

    /// <summary>How much of a cell's run its workers were occupied; null where the tasks' run times were not summed.</summary>
    public static double? Occupancy(CellTimings cell) =>
        cell.TaskRunMs is { } busy ? busy / (cell.Workers * Results.ScalingMath.Median(cell.WallMs)) : null;

    private static SpeedupPoint Point(CellTimings cell, Estimate speedup, Profile profile) =>
        new(cell.Executor, cell.Workers, speedup, cell.WallMs.Count, AboveIdeal(cell, speedup, profile), Occupancy(cell) < AdviceRules.Occupied);

    /// <summary>
    /// Above what N workers can do: N times the work. Not for work that waits on threads: a thread worker lets go of its
    /// thread while a task waits, so every task of the batch can wait at once, however few the workers.
    /// </summary>
    private static bool AboveIdeal(CellTimings cell, Estimate speedup, Profile profile) =>
        (profile.Kind == WorkloadKind.CpuBound || cell.Executor is not (ExperimentExecutor.Threads or ExperimentExecutor.ThreadsGil))
        && speedup.Value > cell.Workers;
}
