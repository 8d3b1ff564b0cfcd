using System.Globalization;

namespace ConcurrencyService.Experiments.Advice;

/// <summary>The rules that keep the advisor from being more confident than its measurements.</summary>
internal static class NoiseRules
{
    public static IReadOnlyList<Finding> Check(Calibration calibration, Profile profile, IReadOnlyList<SpeedupPoint> curve)
    {
        List<Finding> findings = [];
        var conditions = calibration.Conditions;
        if (conditions.Load is { } load && load.MeanOtherRunnable >= AdviceRules.Busy * conditions.Cores)
        {
            findings.Add(new(
                $"Other programs kept {Words.Number(load.MeanOtherRunnable)} threads runnable on average during the runs, on {conditions.Cores} cores: " +
                "the timings are disturbed; run it again on a quieter machine.",
                Doubts.BusyMachine));
        }

        if (StarvedBaseline(calibration, profile) is { } share)
        {
            findings.Add(HandOverBound(calibration, profile) is { } handOverMs
                ? new(
                    $"The sequential baseline got {Words.Percent(share)}% of a core (CPU time ÷ wall time) although its tasks are CPU-bound: " +
                    $"each task ({Words.Ms(profile.TaskMs.Value)} ms) is short beside the hand-over between two ({Words.Ms(handOverMs)} ms), " +
                    "so the baseline's wall time is mostly waiting and every speedup over it is inflated; give each task more work for advice on the work itself.",
                    Doubts.ShortCells)
                : new(
                    $"The sequential baseline got {Words.Percent(share)}% of a core (CPU time ÷ wall time) although its tasks are CPU-bound: " +
                    "the machine was busier than it shows, e.g. its host; run it again later.",
                    Doubts.StarvedBaseline));
        }

        if (ShortCells(calibration) is { Count: > 0 } shortCells)
        {
            findings.Add(new(
                $"Too short to time against the clock and the dispatch overhead ({AdviceRules.ShortCellFactor:0}× either at least): " +
                $"{string.Join("; ", shortCells)}; lengthen the batch.",
                Doubts.ShortCells));
        }

        if (conditions.Build == BuildConfiguration.Debug)
        {
            findings.Add(new(
                "A Debug build: the JIT optimises less and the worker host runs the plain worker instead of the lean one, " +
                "so these timings say little about a Release build; run a Release build for advice to act on.",
                Doubts.None));
        }

        findings.AddRange(curve.Where(p => p.AboveIdeal).Select(AboveIdeal));
        findings.AddRange(calibration.Cells.Where(c => SpeedupCurve.Occupancy(c) < AdviceRules.Occupied).Select(Idle));
        return findings;
    }

    /// <summary>The baseline's share of a core where the tasks are CPU-bound but the baseline got less than most of one.</summary>
    private static double? StarvedBaseline(Calibration calibration, Profile profile)
    {
        // An IO-bound or mixed baseline idles by nature; only a CPU-bound one should keep a core busy.
        if (profile.Kind != WorkloadKind.CpuBound || calibration.Sequential.Any(r => r.CpuMs is null))
        {
            return null;
        }

        var share = Results.ScalingMath.Median([.. calibration.Sequential.Select(r => r.CpuMs!.Value / r.WallMs)]);
        return share < AdviceRules.FullCore ? share : null;
    }

    /// <summary>
    /// The threads executor's hand-over per task where it, not the machine, explains an idle baseline: the tasks kept
    /// their core while they ran (their own CPU share is full) and the hand-over is at least a quarter of a task, so the
    /// baseline, which hands each task over after the last one's result, waited between them. Null otherwise.
    /// </summary>
    private static double? HandOverBound(Calibration calibration, Profile profile)
    {
        var handOvers = calibration.Dispatch.FirstOrDefault(d => d.Executor == ExperimentExecutor.Threads)?.OverheadMs;
        if (handOvers is not { Count: > 0 } || profile.CpuShare.Value < AdviceRules.FullCore)
        {
            return null;
        }

        var handOverMs = Results.ScalingMath.Median(handOvers);
        return handOverMs >= AdviceRules.HandOverShare * profile.TaskMs.Value ? handOverMs : null;
    }

    private static List<string> ShortCells(Calibration calibration)
    {
        var tick = calibration.Conditions.ClockResolutionMs;
        var overheads = calibration.Dispatch.ToDictionary(d => d.Executor, d => Results.ScalingMath.Median(d.OverheadMs));
        List<string> found = [];
        var baseline = Results.ScalingMath.Median([.. calibration.Sequential.Select(r => r.WallMs)]);
        if (baseline < AdviceRules.ShortCellFactor * tick)
        {
            found.Add($"the sequential baseline {Words.Ms(baseline)} ms");
        }

        foreach (var cell in calibration.Cells)
        {
            var unit = Math.Max(tick, overheads.GetValueOrDefault(cell.Executor));
            var wall = Results.ScalingMath.Median(cell.WallMs);
            if (wall < AdviceRules.ShortCellFactor * unit)
            {
                found.Add($"{cell.Executor.Name()} on {Words.Workers(cell.Workers)} {Words.Ms(wall)} ms (needs {Words.Ms(AdviceRules.ShortCellFactor * unit)} ms)");
            }
        }

        return found;
    }

    private static Finding AboveIdeal(SpeedupPoint p) => new(
        $"{Capital(p.Executor.Name())} on {Words.Workers(p.Workers)} measured {Words.Speedup(p.Speedup)}, above the ideal {p.Workers}×" +
        (p.Speedup.Above(p.Workers) ? "" : " (the ideal is inside its interval)") +
        ": N workers cannot do more than N times the work, so the baseline ran slow (warm-up, a busy moment) or caches helped; read it as at most " +
        $"{p.Workers}×.",
        Doubts.None);

    private static Finding Idle(CellTimings cell) => new(
        $"{Capital(cell.Executor.Name())} on {Words.Workers(cell.Workers)}: the workers were occupied " +
        $"{Words.Percent(SpeedupCurve.Occupancy(cell)!.Value)}% of the run, so its speedup measures what fed them, not the workers.",
        Doubts.None);

    private static string Capital(string name) => char.ToUpper(name[0], CultureInfo.InvariantCulture) + name[1..];
}
