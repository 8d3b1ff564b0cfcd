using ConcurrencyService.Core.Executors;

namespace ConcurrencyService.Experiments.Running;

/// <summary>Hands a run's tasks to an executor, at most so many in flight, and waits for every outcome.</summary>
public static class PieceDispatch
{
    public static async Task<TaskOutcome[]> RunAllAsync(
        ITaskExecutor executor, IReadOnlyList<TaskPiece> pieces, int concurrency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(pieces);
        if (concurrency >= pieces.Count)
        {
            return await Task.WhenAll(pieces.Select(p => executor.RunAsync(p, static _ => { }, cancellationToken)));
        }

        using var slots = new SemaphoreSlim(concurrency);
        return await Task.WhenAll(pieces.Select(async piece =>
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
                return await executor.RunAsync(piece, static _ => { }, cancellationToken);
            }
            finally
            {
                slots.Release();
            }
        }));
    }
}
