namespace ConcurrencyService.Experiments.Advice;

/// <summary>What handing one task to an executor and getting its result back costs beyond the task's own run.</summary>
public sealed record DispatchSamples(ExperimentExecutor Executor, IReadOnlyList<double> OverheadMs);
