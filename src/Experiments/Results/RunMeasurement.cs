namespace ConcurrencyService.Experiments.Results;

/// <summary>One timed run of a scaling experiment's cell.</summary>
/// <param name="WallMs">First task handed over to last result back, on the monotonic clock.</param>
/// <param name="CpuMs">The tasks' CPU time from the OS, summed; null where a worker could not tell.</param>
/// <param name="GilWaitMs">The tasks' time waiting for the emulated GIL, summed; null without one.</param>
/// <param name="TaskRunMs">The tasks' run times, summed: how long the workers were occupied; null where a task has none.</param>
/// <param name="DispatchOverheadMs">
/// The median per-task cost of handing a task over and getting its result back, beyond its run (a worker process's pipe
/// and encoding); null where the executor does not measure it (in-process threads, whose hand-over is a queue).
/// </param>
public sealed record RunMeasurement(
    ExperimentExecutor Executor,
    int Workers,
    int Tasks,
    int Repetition,
    double WallMs,
    double? CpuMs,
    double? GilWaitMs,
    double? TaskRunMs = null,
    double? DispatchOverheadMs = null);
