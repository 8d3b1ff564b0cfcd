namespace ConcurrencyService.Experiments.Advice;

/// <summary>
/// Threads or processes for one kind of runtime: the two executors' best cells compared directly (the ratio of their
/// wall times, with its interval), decided only where the whole interval clears <see cref="AdviceRules.Margin"/>.
/// </summary>
internal static class Recommender
{
    public static (Recommendation Recommendation, Doubts Raised) For(
        ExperimentExecutor threads, Calibration calibration, Profile profile, IReadOnlyList<SpeedupPoint> curve, Costs costs, IReadOnlyList<Finding> findings)
    {
        List<string> reasons = [ProfileRules.Describe(profile)];
        var blocking = findings.Where(f => f.Blocks).ToList();
        if (blocking.Count > 0)
        {
            reasons.AddRange(blocking.Select(f => f.Text));
            return (new Recommendation(Choice.Inconclusive, reasons), Doubts.None);
        }

        var bestThreads = Best(curve, threads);
        var bestProcesses = Best(curve, ExperimentExecutor.Processes);
        if (bestThreads is null || bestProcesses is null)
        {
            var missing = bestThreads is null ? threads : ExperimentExecutor.Processes;
            reasons.Add($"{missing.Name()} was not measured, so there is nothing to compare.");
            return (new Recommendation(Choice.Inconclusive, reasons), Doubts.TooFewRuns);
        }

        var label = threads == ExperimentExecutor.ThreadsGil ? "threads under a GIL" : "threads";
        reasons.Add($"processes {Words.Speedup(bestProcesses.Speedup)} on {Words.Workers(bestProcesses.Workers)} over {label} " +
            $"{Words.Speedup(bestThreads.Speedup)} on {Words.Workers(bestThreads.Workers)}");

        // Both speedups share the baseline, so processes' gain over threads is threads' wall time ÷ processes'.
        var gain = Intervals.Ratio(Cell(calibration, bestThreads).WallMs, Cell(calibration, bestProcesses).WallMs);
        var (choice, raised) = Decide(gain);
        reasons.Add(choice switch
        {
            Choice.Processes => $"processes finish the batch {Words.Speedup(gain)} as fast",
            Choice.Threads => $"threads finish the batch {Words.Speedup(Inverse(gain))} as fast",
            Choice.Either => $"processes ÷ threads {Words.Speedup(gain)}: within {Words.Percent(AdviceRules.Margin - 1)}% either way, so choose on the costs below",
            _ when raised == Doubts.TooFewRuns => "too few runs for a 95% interval on the difference (four of each at least): measure more runs",
            _ => $"processes ÷ threads {Words.Speedup(gain)}: the interval spans both no real difference and a {Words.Percent(AdviceRules.Margin - 1)}% one; more runs would tell",
        });
        reasons.AddRange(Hop(profile, costs));
        return (new Recommendation(choice, reasons), raised);
    }

    internal static (Choice Choice, Doubts Raised) Decide(Estimate processesGain) => processesGain switch
    {
        { HasInterval: false } => (Choice.Inconclusive, Doubts.TooFewRuns),
        _ when processesGain.Above(AdviceRules.Margin) => (Choice.Processes, Doubts.None),
        _ when processesGain.Below(1 / AdviceRules.Margin) => (Choice.Threads, Doubts.None),
        { Low: >= 1 / AdviceRules.Margin, High: <= AdviceRules.Margin } => (Choice.Either, Doubts.None),
        _ => (Choice.Inconclusive, Doubts.WideIntervals),
    };

    private static IEnumerable<string> Hop(Profile profile, Costs costs)
    {
        if (costs.ProcessHopShare is { } hop)
        {
            yield return $"a task of this size ({Words.Ms(profile.TaskMs.Value)} ms) pays {Words.Percent(hop.Value)}% for its process hop";
        }

        if (costs.BreakEvenTaskMs is { } breakEven)
        {
            yield return $"tasks under {Words.Ms(breakEven.Value)} ms pay more than {Words.Percent(AdviceRules.BreakEvenShare)}% for it";
        }

        if (costs.WorkerStartMs is { } start && costs.WorkerResidentMb is { } memory)
        {
            yield return $"each worker process costs a {Words.Ms(start.Value)} ms start and {Words.Number(memory.Value)} MB resident; threads cost neither";
        }
    }

    private static SpeedupPoint? Best(IReadOnlyList<SpeedupPoint> curve, ExperimentExecutor executor) =>
        curve.Where(p => p.Executor == executor).MaxBy(p => p.Speedup.Value);

    private static CellTimings Cell(Calibration calibration, SpeedupPoint point) =>
        calibration.Cells.First(c => c.Executor == point.Executor && c.Workers == point.Workers);

    private static Estimate Inverse(Estimate e) => new(1 / e.Value, 1 / e.High, 1 / e.Low);
}
