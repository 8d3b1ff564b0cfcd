using ConcurrencyService.Core.Executors;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Experiments.Running;

/// <summary>Hands a run's tasks to an executor, at most so many in flight, and waits for every outcome.</summary>
public static class PieceDispatch
{
    public static Task<TaskOutcome[]> RunAllAsync(
        ITaskExecutor executor, IReadOnlyList<TaskPiece> pieces, int concurrency, CancellationToken cancellationToken) =>
        RunAllAsync(executor, pieces, concurrency, null, cancellationToken);

    /// <param name="roundTripMs">
    /// Filled by piece position: each task's hand-over to its result back, in milliseconds (the advisor's dispatch overhead is
    /// this minus the task's own run). Taken after a slot is free, so it holds no wait for one.
    /// </param>
    public static async Task<TaskOutcome[]> RunAllAsync(
        ITaskExecutor executor, IReadOnlyList<TaskPiece> pieces, int concurrency, double[]? roundTripMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(pieces);
        if (roundTripMs is not null && roundTripMs.Length < pieces.Count)
        {
            throw new ArgumentException("One round trip per piece.", nameof(roundTripMs));
        }

        async Task<TaskOutcome> RunAsync(int position)
        {
            var start = MonotonicClock.Timestamp;
            var outcome = await executor.RunAsync(pieces[position], static _ => { }, cancellationToken);
            roundTripMs?[position] = MonotonicClock.Since(start).TotalMilliseconds;
            return outcome;
        }

        if (concurrency >= pieces.Count)
        {
            return await Task.WhenAll(pieces.Select((_, i) => RunAsync(i)));
        }

        using var slots = new SemaphoreSlim(concurrency);
        return await Task.WhenAll(pieces.Select(async (piece, position) =>
        {
            try
            {
                await slots.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return TaskOutcome.NotStarted(piece.Index);
            }

            try
            {
                return await RunAsync(position);
            }
            finally
            {
                slots.Release();
            }
        }));
    }

    /// <summary>Ends the experiment when any task of a run did not succeed, naming the first and where it ran.</summary>
    public static void ThrowIfAnyFailed(IReadOnlyList<TaskOutcome> outcomes, ExperimentExecutor executor, int workers)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.FirstOrDefault(o => o.Record.Status != TaskRunStatus.Succeeded) is { } failed)
        {
            var record = failed.Record;
            throw new ExperimentFailedException(
                "taskFailed",
                $"{executor.Name()} on {workers} workers: task {record.Index} {record.Status.ToString().ToLowerInvariant()} on {record.Worker?.Name ?? "no worker"}: {record.Error}");
        }
    }
}
