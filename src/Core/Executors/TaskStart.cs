namespace ConcurrencyService.Core.Executors;

/// <summary>A task has started: the instant (monotonic clock) and the worker that took it.</summary>
public sealed record TaskStart(DateTimeOffset At, WorkerIdentity Worker);
