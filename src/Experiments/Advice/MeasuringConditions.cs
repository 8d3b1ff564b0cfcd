using ConcurrencyService.Experiments.Results;

namespace ConcurrencyService.Experiments.Advice;

/// <summary>The machine the calibration ran on and how it was built.</summary>
/// <param name="Load">Other programs' runnable threads sampled before the runs; null where the OS does not say.</param>
/// <param name="ClockResolutionMs">The timing clock's tick (1 ÷ <see cref="System.Diagnostics.Stopwatch.Frequency"/> s).</param>
public sealed record MeasuringConditions(int Cores, MachineLoad? Load, BuildConfiguration Build, double ClockResolutionMs);
