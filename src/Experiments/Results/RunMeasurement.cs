namespace ConcurrencyService.Experiments.Results;

/// <summary>One timed run of a scaling experiment's cell.</summary>
/// <param name="WallMs">First task handed over to last result back, on the monotonic clock.</param>
/// <param name="CpuMs">The tasks' CPU time from the OS, summed; null where a worker could not tell.</param>
/// <param name="GilWaitMs">The tasks' time waiting for the emulated GIL, summed; null without one.</param>
public sealed record RunMeasurement(ExperimentExecutor Executor, int Workers, int Tasks, int Repetition, double WallMs, double? CpuMs, double? GilWaitMs);
