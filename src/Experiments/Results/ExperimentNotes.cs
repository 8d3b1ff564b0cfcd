using System.Diagnostics;
using System.Globalization;
using ConcurrencyService.Experiments.Advice;

namespace ConcurrencyService.Experiments.Results;

/// <summary>
/// The sentences an experiment carries about its own noise, from its measurements alone (pure, so each rule can be fed
/// hand-built numbers). The thresholds are the advisor's (<see cref="AdviceRules"/>), so a machine the advisor calls
/// busy an experiment calls busy too.
/// </summary>
public static class ExperimentNotes
{
    /// <summary>The timing clock's tick in milliseconds.</summary>
    public static double ClockResolutionMs { get; } = 1000.0 / Stopwatch.Frequency;

    public static IReadOnlyList<string> For(NoteInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        List<string> notes = [];
        var cores = inputs.Machine.LogicalCores;
        if (inputs.Load is { } load && load.IsBusy(cores))
        {
            notes.Add(
                $"A busy machine: other programs kept {N(load.MeanOtherRunnable)} threads runnable on average before the runs " +
                $"(at most {load.MaxOtherRunnable}) on {cores} cores, over the {N(AdviceRules.Busy)} per core that disturbs timings; " +
                "run it again on a quieter machine.");
        }

        if (inputs.JobsRunningMax > 0)
        {
            notes.Add($"Up to {inputs.JobsRunningMax} regular jobs ran beside the experiment and shared its cores.");
        }

        if (inputs.Machine.Build == BuildConfiguration.Debug)
        {
            notes.Add(
                "A Debug build: the JIT optimises less and the worker host starts the framework-dependent worker instead of the " +
                "lean one, so these timings say little about a Release build.");
        }

        if (inputs.Kind == ExperimentKind.Scaling)
        {
            var sequential = inputs.Runs.Where(r => r.Executor == ExperimentExecutor.Sequential).ToList();
            if (StarvedBaseline(inputs.CpuBound, sequential) is { } share)
            {
                notes.Add(
                    $"A starved baseline: the sequential runs got {Percent(share)}% of a core (CPU time ÷ wall time) although the " +
                    $"work is CPU-bound (under {Percent(AdviceRules.FullCore)}% means something unseen took the core, e.g. the host " +
                    "of this machine); every speedup here is measured against it.");
            }

            if (ShortCells(inputs.Cells, sequential) is { Count: > 0 } shortCells)
            {
                notes.Add(
                    $"Too short to time: {string.Join("; ", shortCells)}. A cell should last {N(AdviceRules.ShortCellFactor)}× the " +
                    "clock's tick and the per-task dispatch overhead at least; give the workload more to do.");
            }

            notes.AddRange(inputs.Cells.Where(c => c.Flags.Contains(CellFlags.AboveIdeal)).Select(c => AboveIdeal(c, inputs)));
            notes.AddRange(inputs.Cells.Where(c => c.Flags.Contains(CellFlags.WorkersIdle) && !c.Flags.Contains(CellFlags.AboveIdeal)).Select(Idle));
        }

        return notes;
    }

    /// <summary>The baseline's median share of a core, where the work is CPU-bound and that share is under most of a core.</summary>
    public static double? StarvedBaseline(bool cpuBound, IReadOnlyList<RunMeasurement> sequential)
    {
        ArgumentNullException.ThrowIfNull(sequential);
        if (!cpuBound || sequential.Count == 0 || sequential.Any(r => r.CpuMs is null || r.WallMs <= 0))
        {
            return null;
        }

        var share = ScalingMath.Median([.. sequential.Select(r => r.CpuMs!.Value / r.WallMs)]);
        return share < AdviceRules.FullCore ? share : null;
    }

    /// <summary>
    /// Cells whose median wall time is under <see cref="AdviceRules.ShortCellFactor"/> × the larger of the clock's tick and
    /// the per-task dispatch overhead: the worker processes' measured one, or for threads the sequential baseline's
    /// (its wall time beyond its tasks' runs, per task: one thread hands tasks over as the thread executors do).
    /// </summary>
    public static IReadOnlyList<string> ShortCells(IReadOnlyList<CellView> cells, IReadOnlyList<RunMeasurement> sequential)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(sequential);
        var threadOverheads = sequential.Where(r => r.TaskRunMs is not null && r.Tasks > 0).Select(r => Math.Max(0, r.WallMs - r.TaskRunMs!.Value) / r.Tasks).ToList();
        var threadOverhead = threadOverheads.Count > 0 ? ScalingMath.Median(threadOverheads) : 0;
        List<string> found = [];
        foreach (var cell in cells)
        {
            var unit = Math.Max(ClockResolutionMs, cell.DispatchOverheadMs ?? threadOverhead);
            var needs = AdviceRules.ShortCellFactor * unit;
            if (cell.WallMs < needs)
            {
                found.Add($"{cell.Executor} on {Workers(cell.Workers)} ran {Ms(cell.WallMs)} ms (needs {Ms(needs)} ms)");
            }
        }

        return found;
    }

    private static string AboveIdeal(CellView cell, NoteInputs inputs)
    {
        var interval = cell.SpeedupInterval is { Low: { } low } && low <= cell.Ideal ? ", the ideal inside its 95% interval" : "";
        var why = cell.Flags.Contains(CellFlags.WorkersIdle) && cell.Occupancy is { } occupied
            ? $"its workers were occupied only {Percent(occupied)}% of the run, so the ratio measures what fed them, not the workers"
            : cell.Executor == ExperimentExecutor.ThreadsGil.Name() && inputs.CpuBound
                ? "under a GIL one thread computes at a time, so the baseline ran slow (warm-up, a busy moment) rather than the threads fast"
                : "N workers cannot do more than N times the work (nor CPU-bound work more than the cores allow), so the baseline ran slow (warm-up, a busy moment) or caches helped";
        return $"{Capital(cell.Executor)} on {Workers(cell.Workers)} measured {N2(cell.Speedup ?? 0)}× {cell.SpeedupInterval}{interval}, " +
            $"above the ideal {cell.Ideal}×: {why}; read it as at most {cell.Ideal}×.";
    }

    private static string Idle(CellView cell) =>
        $"{Capital(cell.Executor)} on {Workers(cell.Workers)}: the workers were occupied {Percent(cell.Occupancy ?? 0)}% of the run, " +
        "so its speedup measures what fed them, not the workers.";

    private static string Workers(int workers) => workers == 1 ? "1 worker" : $"{workers} workers";

    private static string Capital(string name) => char.ToUpper(name[0], CultureInfo.InvariantCulture) + name[1..];

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string N2(double value) => value.ToString("0.0#", CultureInfo.InvariantCulture);

    private static string Ms(double ms) => ms.ToString(ms >= 10 ? "#,0" : "0.0##", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture);
}

/// <summary>What <see cref="ExperimentNotes"/> reads: the experiment's runs and cells, and the machine they ran on.</summary>
public sealed record NoteInputs(
    ExperimentKind Kind,
    bool CpuBound,
    IReadOnlyList<RunMeasurement> Runs,
    IReadOnlyList<CellView> Cells,
    MachineLoad? Load,
    int JobsRunningMax,
    MachineInfo Machine);
