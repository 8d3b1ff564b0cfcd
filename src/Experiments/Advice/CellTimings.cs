namespace ConcurrencyService.Experiments.Advice;

/// <summary>Repeated runs of the batch on one executor with a fixed number of workers.</summary>
/// <param name="WallMs">Each run's wall time, first task handed over to last result back.</param>
/// <param name="TaskRunMs">
/// The tasks' run times summed over one run (median over the runs): how long the workers were occupied. Null where not
/// measured; then whether the workers were the bottleneck cannot be told.
/// </param>
public sealed record CellTimings(ExperimentExecutor Executor, int Workers, IReadOnlyList<double> WallMs, double? TaskRunMs);
