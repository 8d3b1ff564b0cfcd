namespace ConcurrencyService.Workloads.Execution;

/// <summary>What running one piece on a worker thread came to, measured where it ran; the typed output or, in a worker process, its binary form.</summary>
/// <param name="ThreadId">The kernel id of the thread the piece started on.</param>
/// <param name="CpuTime">CPU time from the OS for the piece's own execution (null where the OS can't tell).</param>
/// <param name="GilWait">Under GIL emulation, the part of <paramref name="Duration"/> spent waiting for the GIL; null otherwise.</param>
public sealed record PieceResult<TOutput>(
    TaskRunStatus Status,
    TOutput? Output,
    string? Error,
    long ThreadId,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    TimeSpan? CpuTime,
    TimeSpan? GilWait = null)
    where TOutput : class;
