namespace ConcurrencyService.Experiments.Advice;

/// <summary>One sequential run of the batch.</summary>
/// <param name="CpuMs">The run's CPU time from the OS; null where it could not be read.</param>
public sealed record BatchRun(double WallMs, double? CpuMs);
