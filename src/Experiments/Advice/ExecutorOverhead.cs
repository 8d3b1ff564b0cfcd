namespace ConcurrencyService.Experiments.Advice;

/// <summary>The median per-task dispatch overhead on one executor.</summary>
public sealed record ExecutorOverhead(ExperimentExecutor Executor, Estimate PerTaskMs);
