namespace ConcurrencyService.Experiments.Advice;

/// <summary>What a task spends its time on, measured: CPU time from the OS ÷ the task's run time.</summary>
/// <param name="CpuShare">Median share of a task's run time on a CPU, 0 to 1.</param>
/// <param name="TaskMs">Median run time of one task.</param>
public sealed record Profile(WorkloadKind Kind, Estimate CpuShare, Estimate TaskMs);
