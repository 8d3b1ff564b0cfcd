namespace ConcurrencyService.Experiments.Advice;

/// <summary>Each cell's speedup over the sequential baseline, with its interval and flags.</summary>
internal static class SpeedupCurve
{
    public static IReadOnlyList<SpeedupPoint> From(Calibration calibration)
    {
        var baseline = calibration.Sequential.Select(r => r.WallMs).ToList();
        return [.. calibration.Cells
            .OrderBy(c => c.Executor)
            .ThenBy(c => c.Workers)
            .Select(cell => Point(cell, Intervals.Ratio(baseline, cell.WallMs)))];
    }

    /// <summary>How much of a cell's run its workers were occupied; null where the tasks' run times were not summed.</summary>
    public static double? Occupancy(CellTimings cell) =>
        cell.TaskRunMs is { } busy ? busy / (cell.Workers * Results.ScalingMath.Median(cell.WallMs)) : null;

    private static SpeedupPoint Point(CellTimings cell, Estimate speedup) =>
        new(cell.Executor, cell.Workers, speedup, cell.WallMs.Count, speedup.Value > cell.Workers, Occupancy(cell) < AdviceRules.Occupied);
}
