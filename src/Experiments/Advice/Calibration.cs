namespace ConcurrencyService.Experiments.Advice;

/// <summary>
/// What a calibration measured on this machine, everything the advisor decides from. Times are in milliseconds on the
/// monotonic clock, as in <see cref="Results.RunMeasurement"/>.
/// </summary>
/// <param name="Sequential">Repeated runs of the batch one task after another on one thread: every speedup's baseline.</param>
/// <param name="Cells">Repeated runs of the same batch per executor and worker count.</param>
/// <param name="Tasks">Single tasks' CPU and run times, for the profile.</param>
/// <param name="Dispatch">Per-task dispatch overhead samples per executor (hand-over to result back, minus the task's run).</param>
/// <param name="WorkerProcesses">A worker process's start and memory; null where no process was started.</param>
public sealed record Calibration(
    IReadOnlyList<BatchRun> Sequential,
    IReadOnlyList<CellTimings> Cells,
    IReadOnlyList<TaskTiming> Tasks,
    IReadOnlyList<DispatchSamples> Dispatch,
    WorkerProcessCosts? WorkerProcesses,
    MeasuringConditions Conditions);
