namespace ConcurrencyService.Experiments.Advice;

/// <summary>One point of a speedup curve: the sequential baseline's time ÷ the cell's, with its interval.</summary>
/// <param name="AboveIdeal">The estimate exceeds the worker count, which N workers cannot reach on this work alone.</param>
/// <param name="WorkersIdle">The workers were occupied under half the run: the ratio measures what fed them, not them.</param>
public sealed record SpeedupPoint(ExperimentExecutor Executor, int Workers, Estimate Speedup, int Runs, bool AboveIdeal, bool WorkersIdle);
