namespace ConcurrencyService.Experiments.Advice;

/// <summary>A workload's profile by its measured CPU share (see <see cref="AdviceRules"/> for the bounds).</summary>
public enum WorkloadKind
{
    CpuBound,
    IoBound,
    Mixed,
}
