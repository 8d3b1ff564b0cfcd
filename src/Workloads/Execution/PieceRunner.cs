using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Workloads.Execution;

/// <summary>
/// Runs one piece on the calling worker thread and measures it: wall time on the monotonic clock, CPU time from
/// the OS across every thread the piece's async flow touches. The thread executor and the worker processes
/// both run pieces through here, so their results and timings mean the same thing.
/// </summary>
public static class PieceRunner
{
    /// <param name="started">Called at the instant the piece starts, before any of its work.</param>
    /// <param name="gil">
    /// An emulated GIL to run the piece under: taken when the piece starts (the wait counts in its duration, as a
    /// Python thread's does), given up at switch intervals and IO waits, and released when it ends.
    /// </param>
    public static Task<PieceResult<object>> RunAsync(
        IWorkload workload, object piece, WorkloadContext context, Action<DateTimeOffset>? started, CancellationToken cancellationToken, Gil? gil = null)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return MeasureAsync((c, token) => workload.RunPieceAsync(piece, c, token), context, started, gil, cancellationToken);
    }

    /// <summary>The same for a worker process: the piece and its output in binary form (<see cref="IBinaryRecord{TSelf}"/>), no JSON.</summary>
    public static Task<PieceResult<byte[]>> RunEncodedAsync(IWorkload workload, ReadOnlyMemory<byte> piece, WorkloadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return MeasureAsync((c, token) => workload.RunEncodedPieceAsync(piece, c, token), context, null, null, cancellationToken);
    }

    private static async Task<PieceResult<TOutput>> MeasureAsync<TOutput>(
        Func<WorkloadContext, CancellationToken, ValueTask<TOutput>> run, WorkloadContext context, Action<DateTimeOffset>? started, Gil? gil, CancellationToken cancellationToken)
        where TOutput : class
    {
        var threadId = OsThread.CurrentId;
        var startTimestamp = MonotonicClock.Timestamp;
        var startedAt = MonotonicClock.ToUtc(startTimestamp);
        started?.Invoke(startedAt);

        TaskRunStatus status;
        string? error = null;
        TOutput? output = null;
        CpuMeter meter;
        GilHold? hold = null;
        using (CpuMeter.Start(out meter))
        {
            try
            {
                hold = gil?.Enter(cancellationToken);
                output = await run(hold is null ? context : context.WithGil(hold), cancellationToken);
                status = TaskRunStatus.Succeeded;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                status = TaskRunStatus.Cancelled;
            }
            catch (OutOfMemoryException)
            {
                throw; // not a task failure: the process is in trouble, and its host decides what that means
            }
            // A workload's failure is the piece's outcome, whatever its type.
            catch (Exception ex)
            {
                status = TaskRunStatus.Failed;
                // A static constructor's failure says only "the type initializer threw": its cause is what the user needs.
                error = ex is TypeInitializationException { InnerException: { } cause }
                    ? $"{ex.GetType().Name}: {ex.Message} {cause.GetType().Name}: {cause.Message}"
                    : $"{ex.GetType().Name}: {ex.Message}";
            }
            finally
            {
                hold?.Dispose();
            }
        }

        return new PieceResult<TOutput>(status, output, error, threadId, startedAt, MonotonicClock.Since(startTimestamp), meter.Elapsed, hold?.WaitTime);
    }
}
