namespace ConcurrencyService.Experiments.Advice;

/// <summary>A worker process's start (spawn until ready) and its resident memory once warm, one sample per process.</summary>
public sealed record WorkerProcessCosts(IReadOnlyList<double> StartMs, IReadOnlyList<double> ResidentMb);
