namespace ConcurrencyService.Experiments.Advice;

/// <summary>
/// Answers "threads or processes?" from a calibration's measurements, for .NET and for a runtime with a GIL, never with
/// more confidence than the measurements carry. Pure: the same measurements give the same advice.
/// </summary>
public static class Advisor
{
    public static Advice Advise(Calibration calibration)
    {
        Validate(calibration);
        var profile = ProfileRules.From(calibration.Tasks);
        var curve = SpeedupCurve.From(calibration, profile);
        var costs = CostRules.From(calibration, profile);
        var findings = NoiseRules.Check(calibration, profile, curve);
        var (dotNet, dotNetDoubts) = Recommender.For(ExperimentExecutor.Threads, calibration, profile, curve, costs, findings);
        var (gil, gilDoubts) = Recommender.For(ExperimentExecutor.ThreadsGil, calibration, profile, curve, costs, findings);
        var doubts = findings.Aggregate(dotNetDoubts | gilDoubts, (all, f) => all | f.Raises);
        return new Advice(profile, curve, costs, dotNet, gil, [.. findings.Select(f => f.Text)], CannotTell(costs), doubts);
    }

    private static List<string> CannotTell(Costs costs) =>
    [
        "Crash isolation: a task that crashes its worker process takes down only that process, while on threads it ends the whole service; timings cannot weigh that.",
        costs.WorkerResidentMb is { } memory
            ? $"Memory per worker: each worker process holds its own runtime ({Words.Number(memory.Value)} MB resident), so N workers hold N copies where threads share one; the speedups do not count it."
            : "Memory per worker: not measured; each worker process holds its own runtime, so N workers hold N copies where threads share one.",
        "Under a GIL only the lock is emulated (threads+gil): a real CPython's slower interpreter and the pickling of each task's arguments and result are not in these numbers.",
    ];

    private static void Validate(Calibration calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        if (calibration.Sequential.Count == 0)
        {
            throw new ArgumentException("A calibration needs at least one sequential run: it is every speedup's baseline.", nameof(calibration));
        }

        if (calibration.Tasks.Count == 0)
        {
            throw new ArgumentException("A calibration needs at least one task's CPU and run time for the profile.", nameof(calibration));
        }

        if (calibration.Tasks.Any(t => !(t.RunMs > 0) || t.CpuMs < 0))
        {
            throw new ArgumentException("Every task needs a positive run time and a CPU time not below zero.", nameof(calibration));
        }

        if (calibration.Cells.Any(c => c.Executor == ExperimentExecutor.Sequential || c.Workers < 1 || c.WallMs.Count == 0))
        {
            throw new ArgumentException("Every cell needs a parallel executor, at least one worker and at least one run.", nameof(calibration));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(calibration.Conditions.Cores, nameof(calibration));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(calibration.Conditions.ClockResolutionMs, nameof(calibration));
    }
}
