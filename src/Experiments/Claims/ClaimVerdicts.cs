using System.Globalization;
using ConcurrencyService.Experiments.Presets;

namespace ConcurrencyService.Experiments.Claims;

/// <summary>
/// Decides each tutorial claim from the presets' measurements, by explicit thresholds (below) that leave room for a noisy
/// two-core machine. A claim about threads is decided for plain .NET threads and for threads under the emulated GIL: if
/// it holds for plain threads it holds; if only under the GIL, it is a CPython fact rather than a general one.
/// </summary>
public static class ClaimVerdicts
{
    /// <summary>Work "runs in parallel" on N ≥ 2 workers when the speedup is at least this.</summary>
    public const double Parallel = 1.25;

    /// <summary>Work is "slower" when the speedup is below this.</summary>
    public const double Slower = 0.9;

    /// <summary>IO waits "overlap" when ten sleeps finish at least this much faster than one after another.</summary>
    public const double Overlap = 1.5;

    /// <summary>A process start costs "far more" than a thread start at this ratio or above.</summary>
    public const double FarMore = 10;

    /// <summary>More workers than cores "stop helping" when the best speedup past the core count is at most this × the speedup at it.</summary>
    public const double NoGain = 1.1;

    /// <summary>Too many workers "make it slower" when the speedup at the most workers is at most this × the speedup at the core count.</summary>
    public const double Loss = 0.9;

    /// <summary>A preset's CPU timings are "disturbed" when other programs kept this many threads per core runnable, on average, before its runs.</summary>
    public const double Disturbed = 0.5;

    /// <summary>A single CPU-bound thread on a machine that is really idle gets nearly all of a core; less than this means something unseen took it.</summary>
    public const double FullCore = 0.8;

    private const string NotApplicable = "n/a: each CPython process has its own GIL";

    public static IReadOnlyList<ClaimRow> Evaluate(ClaimsEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return
        [
            ThreadsDoNotScaleCpu(evidence),
            ThreadsSlowCpuDown(evidence),
            ProcessesScaleCpu(evidence),
            ThreadsOverlapIo(evidence),
            ProcessStartsCostMore(evidence),
            OversubscriptionStopsHelping(evidence),
            OversubscriptionSlowsDown(evidence),
            CrashIsContained(evidence),
        ];
    }

    /// <summary>Holds if it holds for plain threads; only under a GIL if it fails for them but holds under the GIL; otherwise it does not hold.</summary>
    public static ClaimVerdict Combine(bool? plain, bool? underGil) => plain switch
    {
        true => ClaimVerdict.Holds,
        false when underGil == true => ClaimVerdict.HoldsOnlyUnderGil,
        false => ClaimVerdict.DoesNotHold,
        null => ClaimVerdict.Inconclusive,
    };

    private static ClaimRow ThreadsDoNotScaleCpu(ClaimsEvidence e)
    {
        const string Claim = "Threads can't run CPU-bound work in parallel";
        const string Tutorial = "2, 3";
        var python = e.Python.ThreadsText();
        var rule = $"holds where the median of threads' speedups on 2 up to {e.Cores} workers in primes-pool, sqrt-per-core and oversubscription is below {F(Parallel)}×";
        if (Unavailable(e, Needs.ParallelCores, Claim, Tutorial, python, rule, CpuPresets(e)) is { } row)
        {
            return row;
        }

        bool? Holds(ExperimentExecutor executor) => MedianSpeedup(e, executor) is { } s ? s < Parallel : null;
        return new ClaimRow(
            Claim,
            Tutorial,
            CpuEvidence(e, ExperimentExecutor.Threads),
            CpuEvidence(e, ExperimentExecutor.ThreadsGil),
            python,
            Combine(Holds(ExperimentExecutor.Threads), Holds(ExperimentExecutor.ThreadsGil)),
            rule);
    }

    private static ClaimRow ThreadsSlowCpuDown(ClaimsEvidence e)
    {
        const string Claim = "Threads make CPU-bound work slower than running it sequentially";
        const string Tutorial = "3";
        var python = e.Python.ThreadsText();
        var rule = $"holds where threads' speedup on the primes is below {F(Slower)}× on 2 up to {e.Cores} workers";
        if (Unavailable(e, Needs.ParallelCores, Claim, Tutorial, python, rule, (e.PrimesPool, ExperimentPresets.PrimesPool)) is { } row)
        {
            return row;
        }

        bool? Holds(ExperimentExecutor executor) => e.PrimesPool.NearCores(executor, e.Cores) is { Speedup: { } s } ? s < Slower : null;
        return new ClaimRow(
            Claim,
            Tutorial,
            Speedup(e.PrimesPool, ExperimentExecutor.Threads, e.Cores, "primes < 1,000,000"),
            Speedup(e.PrimesPool, ExperimentExecutor.ThreadsGil, e.Cores, "primes < 1,000,000"),
            python,
            Combine(Holds(ExperimentExecutor.Threads), Holds(ExperimentExecutor.ThreadsGil)),
            rule);
    }

    private static ClaimRow ProcessesScaleCpu(ClaimsEvidence e)
    {
        const string Claim = "Processes run CPU-bound work in parallel";
        const string Tutorial = "2, 3, 5";
        var python = e.Python.PoolText();
        var rule = $"holds where the median of processes' speedups on 2 up to {e.Cores} workers in primes-pool, sqrt-per-core and oversubscription is at least {F(Parallel)}×";
        if (Unavailable(e, Needs.ParallelCores, Claim, Tutorial, python, rule, CpuPresets(e)) is { } row)
        {
            return row;
        }

        var holds = MedianSpeedup(e, ExperimentExecutor.Processes) is { } median ? median >= Parallel : (bool?)null;
        return new ClaimRow(Claim, Tutorial, CpuEvidence(e, ExperimentExecutor.Processes), NotApplicable, python, Combine(holds, null), rule);
    }

    private static ClaimRow ThreadsOverlapIo(ClaimsEvidence e)
    {
        const string Claim = "Threads speed up IO-bound work: their waits overlap";
        const string Tutorial = "3, 4";
        var python = e.Python.SleepsText();
        var rule = $"holds where ten sleeps on threads finish at least {F(Overlap)}× faster than one after another, at the most workers tried";
        if (Unavailable(e, Needs.Nothing, Claim, Tutorial, python, rule, (e.Sleeps, ExperimentPresets.Sleeps)) is { } row)
        {
            return row;
        }

        bool? Holds(ExperimentExecutor executor) => Widest(e.Sleeps, executor) is { Speedup: { } s } ? s >= Overlap : null;
        return new ClaimRow(
            Claim,
            Tutorial,
            $"{Sleeps(e.Sleeps, ExperimentExecutor.Threads)}; for comparison {Sleeps(e.Sleeps, ExperimentExecutor.Processes)}",
            Sleeps(e.Sleeps, ExperimentExecutor.ThreadsGil),
            python,
            Combine(Holds(ExperimentExecutor.Threads), Holds(ExperimentExecutor.ThreadsGil)),
            rule);
    }

    private static ClaimRow ProcessStartsCostMore(ClaimsEvidence e)
    {
        const string Claim = "Starting a process costs far more than starting a thread";
        const string Tutorial = "1";
        var python = e.Python.StartCostText();
        var rule = $"holds where a process start + join takes at least {F(FarMore)}× a thread's";
        if (Unavailable(e, Needs.Nothing, Claim, Tutorial, python, rule, (e.StartCost, ExperimentPresets.StartCost)) is { } row)
        {
            return row;
        }

        if (e.StartCost.StartCost is not { Thread: { } thread, Process: { } process, Ratio: { } ratio })
        {
            return new ClaimRow(Claim, Tutorial, "no start costs were recorded", NotApplicable, python, ClaimVerdict.Inconclusive, rule);
        }

        var evidence = string.Create(CultureInfo.InvariantCulture, $"{Ms(process.MeanMs)} per process start + join against {Ms(thread.MeanMs)} per thread ({ratio:0.#}×), {process.Count} of each");
        return new ClaimRow(Claim, Tutorial, evidence, NotApplicable, python, Combine(ratio >= FarMore, null), rule);
    }

    private static ClaimRow OversubscriptionStopsHelping(ClaimsEvidence e)
    {
        const string Claim = "More processes than logical cores stop speeding CPU-bound work up";
        const string Tutorial = "3";
        const string Python = "not run: tutorial 3 reports it without figures";
        var rule = $"holds where no process count above the {e.Cores} cores gains more than {F(NoGain)}× the speedup at {e.Cores}";
        return Oversubscription(e, Claim, Tutorial, Python, rule, (atCores, beyond) => beyond.Max(c => c.Speedup!.Value) <= NoGain * atCores);
    }

    private static ClaimRow OversubscriptionSlowsDown(ClaimsEvidence e)
    {
        const string Claim = "Too many processes make CPU-bound work slower (context switching dominates)";
        const string Tutorial = "1, 3";
        const string Python = "not run: tutorials 1 and 3 report it without figures";
        var rule = $"holds where the speedup at the most processes is at most {F(Loss)}× the speedup at {e.Cores}";
        return Oversubscription(e, Claim, Tutorial, Python, rule, (atCores, beyond) => beyond.MaxBy(c => c.Workers)!.Speedup!.Value <= Loss * atCores);
    }

    private static ClaimRow Oversubscription(ClaimsEvidence e, string claim, string tutorial, string python, string rule, Func<double, IReadOnlyList<CellView>, bool> holds)
    {
        if (Unavailable(e, Needs.QuietMachine, claim, tutorial, python, rule, (e.Oversubscription, ExperimentPresets.Oversubscription)) is { } row)
        {
            return row;
        }

        var atCores = e.Oversubscription.Cell(ExperimentExecutor.Processes, e.Cores);
        List<CellView> beyond = [.. e.Oversubscription.Cells.Where(c => c.Executor == ExperimentExecutor.Processes.Name() && c.Workers > e.Cores && c.Speedup is not null)];
        bool? verdict = atCores?.Speedup is { } s && beyond.Count > 0 ? holds(s, beyond) : null;
        var evidence = $"{Curve(e.Oversubscription, ExperimentExecutor.Processes)}; {Curve(e.Oversubscription, ExperimentExecutor.Threads)}";
        return new ClaimRow(claim, tutorial, evidence, NotApplicable, python, Combine(verdict, null), rule);
    }

    private static ClaimRow CrashIsContained(ClaimsEvidence e)
    {
        const string Claim = "A crashing process does not bring the others down";
        const string Tutorial = "5";
        const string Python = "not run: a dead worker breaks a whole ProcessPoolExecutor (BrokenProcessPool), as Python documents";
        const string Rule = "holds where every other task succeeded with its result intact, the pool refilled, and the same job then ran again on it";
        if (Unavailable(e, Needs.Nothing, Claim, Tutorial, Python, Rule, (e.Crash, ExperimentPresets.Crash)) is { } row)
        {
            return row;
        }

        if (e.Crash.Crash is not { } crash)
        {
            return new ClaimRow(Claim, Tutorial, "no crash was recorded", "not run", Python, ClaimVerdict.Inconclusive, Rule);
        }

        var holds = crash.OtherTasksSucceeded == crash.OtherTasks && crash.ResultIntact && crash.PoolRefilled && crash.FollowUpSucceeded;
        var evidence = $"task {crash.CrashedTask} of {crash.Tasks} on {crash.Workers} worker processes crashed ({crash.CrashError}); " +
            $"{crash.OtherTasksSucceeded} of {crash.OtherTasks} others succeeded, result {(crash.ResultIntact ? "intact" : "wrong or missing")}; " +
            $"pool {(crash.PoolRefilled ? "refilled" : "not refilled")}; the job ran again {(crash.FollowUpSucceeded ? "fine" : "and failed")}";
        return new ClaimRow(Claim, Tutorial, evidence, "threads not run: a crash on any thread ends the whole (API) process", Python, Combine(holds, null), Rule);
    }

    /// <summary>
    /// A row saying why the claim cannot be decided (yet), or null when every preset it needs has finished — and, for a
    /// claim about CPU parallelism, ran on a machine quiet enough and with at least two cores.
    /// </summary>
    private static ClaimRow? Unavailable(
        ClaimsEvidence e, Needs needs, string claim, string tutorial, string python, string rule, params (PresetEvidence Evidence, string Name)[] presets)
    {
        var waiting = presets.Where(p => !p.Evidence.Status.IsFinal()).Select(p => p.Evidence.Missing(p.Name)).ToList();
        if (waiting.Count > 0)
        {
            return new ClaimRow(claim, tutorial, string.Join("; ", waiting), "pending", python, ClaimVerdict.Pending, rule);
        }

        var missing = presets.Select(p => p.Evidence.Missing(p.Name)).OfType<string>().ToList();
        if (needs == Needs.ParallelCores && e.Cores < 2)
        {
            missing.Add("this machine has one logical core, so nothing can run in parallel");
        }

        if (needs != Needs.Nothing)
        {
            missing.AddRange(presets
                .Where(p => p.Evidence.Load is { } load && load.MeanOtherRunnable >= Disturbed * e.Cores)
                .Select(p => string.Create(CultureInfo.InvariantCulture,
                    $"other programs kept {p.Evidence.Load!.MeanOtherRunnable:0.#} threads runnable on average during the {p.Name} preset, on {e.Cores} cores: run it again on a quieter machine")));
            missing.AddRange(presets
                .Select(p => (p.Name, Cell: p.Evidence.Cell(ExperimentExecutor.Sequential, 1)))
                .Where(p => p.Cell is { CpuMs: { } cpu, WallMs: > 0 } && cpu / p.Cell.WallMs < FullCore)
                .Select(p => string.Create(CultureInfo.InvariantCulture,
                    $"the {p.Name} preset's sequential baseline got {p.Cell!.CpuMs / p.Cell.WallMs * 100:0}% of a core (CPU time ÷ wall time): the machine was busier than it shows, e.g. its host: run it again later")));
        }

        return missing.Count > 0 ? new ClaimRow(claim, tutorial, string.Join("; ", missing), "-", python, ClaimVerdict.Inconclusive, rule) : null;
    }

    private static (PresetEvidence, string)[] CpuPresets(ClaimsEvidence e) =>
        [(e.PrimesPool, ExperimentPresets.PrimesPool), (e.SqrtPerCore, ExperimentPresets.SqrtPerCore), (e.Oversubscription, ExperimentPresets.Oversubscription)];

    /// <summary>
    /// The median of the executor's speedups near the core count over the CPU presets that ran it: one preset hit by a
    /// burst of other load, or by a job too short for its executor's overheads, does not decide the claim alone.
    /// </summary>
    private static double? MedianSpeedup(ClaimsEvidence e, ExperimentExecutor executor)
    {
        List<double> speedups = [.. CpuPresets(e).Select(p => p.Item1.NearCores(executor, e.Cores)?.Speedup).OfType<double>()];
        return speedups.Count == 0 ? null : Results.ScalingMath.Median(speedups);
    }

    private static string CpuEvidence(ClaimsEvidence e, ExperimentExecutor executor)
    {
        var parts = new List<string>
        {
            Speedup(e.PrimesPool, executor, e.Cores, "primes < 1,000,000"),
            Speedup(e.SqrtPerCore, executor, e.Cores, "sqrt per worker, throughput"),
        };
        if (e.Oversubscription.NearCores(executor, e.Cores) is not null)
        {
            parts.Add(Speedup(e.Oversubscription, executor, e.Cores, "primes < 3,000,000"));
        }

        return string.Join("; ", parts) + (MedianSpeedup(e, executor) is { } median ? string.Create(CultureInfo.InvariantCulture, $"; median {median:0.00}×") : string.Empty);
    }

    private static string Speedup(PresetEvidence preset, ExperimentExecutor executor, int cores, string what)
    {
        var cell = preset.NearCores(executor, cores);
        var sequential = preset.Cell(ExperimentExecutor.Sequential, 1);
        return cell is { Speedup: { } s } && sequential is not null
            ? string.Create(CultureInfo.InvariantCulture, $"{executor.Name()} {s:0.00}×{Interval(cell)} on {cell.Workers} workers ({what}: {Ms(sequential.WallMs)} sequential, {Ms(cell.WallMs)}{CpuRatio(cell)})")
            : $"{executor.Name()}: not measured ({what})";
    }

    /// <summary>" [1.8, 2.0]" (the speedup's 95% interval) or " (n too small)"; nothing for a cell without one.</summary>
    private static string Interval(CellView cell) => cell.SpeedupInterval is { } interval ? $" {interval}" : string.Empty;

    // Only worth saying when side-by-side running cost noticeably more CPU for the same work.
    private static string CpuRatio(CellView cell) =>
        cell.CpuRatio is > 1.15 and var ratio ? string.Create(CultureInfo.InvariantCulture, $"; CPU time ×{ratio:0.00} of sequential") : string.Empty;

    private static string Sleeps(PresetEvidence sleeps, ExperimentExecutor executor)
    {
        var cells = sleeps.Cells.Where(c => c.Executor == executor.Name() && c.Speedup is not null).OrderBy(c => c.Workers).ToList();
        var sequential = sleeps.Cell(ExperimentExecutor.Sequential, 1);
        if (cells.Count == 0 || sequential is null)
        {
            return $"{executor.Name()}: not measured";
        }

        var widest = cells[^1];
        return string.Create(CultureInfo.InvariantCulture,
            $"{executor.Name()} {cells[0].Speedup:0.0}×{Interval(cells[0])} on {cells[0].Workers} worker{(cells[0].Workers == 1 ? string.Empty : "s")}, {widest.Speedup:0.0}×{Interval(widest)} on {widest.Workers} " +
            $"({sequential.Tasks} sleeps: {Ms(sequential.WallMs)} one after another, {Ms(widest.WallMs)})");
    }

    private static string Curve(PresetEvidence preset, ExperimentExecutor executor)
    {
        var cells = preset.Cells.Where(c => c.Executor == executor.Name() && c.Speedup is not null).OrderBy(c => c.Workers).ToList();
        return cells.Count == 0
            ? $"{executor.Name()}: not measured"
            : $"{executor.Name()} " + string.Join(", ", cells.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Speedup:0.00}×{Interval(c)} on {c.Workers}")));
    }

    private static CellView? Widest(PresetEvidence preset, ExperimentExecutor executor) =>
        preset.Cells.Where(c => c.Executor == executor.Name()).MaxBy(c => c.Workers);

    private static string F(double value) => value.ToString("0.0#", CultureInfo.InvariantCulture);

    private static string Ms(double ms) => ms >= 10
        ? string.Create(CultureInfo.InvariantCulture, $"{ms:#,0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{ms:0.###} ms");

    private enum Needs
    {
        Nothing,
        QuietMachine,
        ParallelCores,
    }
}
