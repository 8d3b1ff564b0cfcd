namespace ConcurrencyService.Experiments.Advice;

/// <summary>One task's CPU time from the OS and its run time, start to end on its worker.</summary>
public sealed record TaskTiming(double CpuMs, double RunMs);
