namespace ConcurrencyService.Experiments.Advice;

/// <summary>Classifies a workload by its tasks' measured CPU share.</summary>
internal static class ProfileRules
{
    public static Profile From(IReadOnlyList<TaskTiming> tasks)
    {
        ArgumentOutOfRangeException.ThrowIfZero(tasks.Count, nameof(tasks));
        // A task's CPU time can exceed its run time by a clock tick or when it starts threads of its own; the share is per core.
        var share = Intervals.Median([.. tasks.Select(t => Math.Min(1, t.CpuMs / t.RunMs))]);
        share = new Estimate(Clamp(share.Value), share.Low is { } l ? Clamp(l) : null, share.High is { } h ? Clamp(h) : null);
        return new Profile(Kind(share.Value), share, Intervals.Median([.. tasks.Select(t => t.RunMs)]));
    }

    public static WorkloadKind Kind(double cpuShare) => cpuShare switch
    {
        >= AdviceRules.CpuBound => WorkloadKind.CpuBound,
        <= AdviceRules.IoBound => WorkloadKind.IoBound,
        _ => WorkloadKind.Mixed,
    };

    public static string Describe(Profile profile) => profile.Kind switch
    {
        WorkloadKind.CpuBound => $"CPU-bound, {Words.Percent(profile.CpuShare, "CPU")}",
        WorkloadKind.IoBound => $"IO-bound, {Words.Percent(profile.CpuShare, "CPU")}",
        _ => $"mixed, {Words.Percent(profile.CpuShare, "CPU")}",
    };

    private static double Clamp(double share) => Math.Clamp(share, 0, 1);
}
