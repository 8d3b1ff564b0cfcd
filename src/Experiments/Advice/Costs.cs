namespace ConcurrencyService.Experiments.Advice;

/// <summary>What each executor costs beyond the work.</summary>
/// <param name="BreakEvenTaskMs">How long a task must run for the processes executor's per-task overhead to be under 5% of it.</param>
/// <param name="ProcessHopShare">The processes executor's per-task overhead as a share of this workload's task.</param>
public sealed record Costs(
    IReadOnlyList<ExecutorOverhead> Dispatch,
    Estimate? WorkerStartMs,
    Estimate? WorkerResidentMb,
    Estimate? BreakEvenTaskMs,
    Estimate? ProcessHopShare);
