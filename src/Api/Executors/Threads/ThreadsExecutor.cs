using ConcurrencyService.Api.Jobs;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.Api.Executors.Threads;

/// <summary>
/// Runs tasks in this process on the dedicated threads of a <see cref="ThreadWorkerPool"/>, which it owns. A task whose
/// piece asks for the GIL runs under <paramref name="gil"/>, shared by every such task on this executor, as all threads
/// of one CPython process share one GIL.
/// </summary>
public sealed class ThreadsExecutor(ThreadWorkerPool pool, Gil gil, WorkloadContext context) : ITaskExecutor, IDisposable
{
    private readonly ThreadWorkerPool _pool = pool;

    public ExecutorKind Kind => ExecutorKind.Threads;

    public async Task<TaskOutcome> RunAsync(TaskPiece piece, Action<DateTimeOffset> started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(piece);
        try
        {
            return await Task.Factory.StartNew(
                () => RunOnWorkerAsync(piece, started, cancellationToken),
                cancellationToken,
                TaskCreationOptions.DenyChildAttach,
                _pool).Unwrap();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return TaskOutcome.NotStarted(piece.Index);
        }
    }

    public ValueTask<ExecutorWorkers> DescribeWorkersAsync(CancellationToken cancellationToken) => ValueTask.FromResult(new ExecutorWorkers(
        $"{_pool.Workers.Count} dedicated threads in the API process ({Environment.ProcessId}); awaited IO holds no thread.",
        [.. _pool.Workers.Select(w => new WorkerInfo(w.Name, Environment.ProcessId, w.ThreadId, w.Busy ? WorkerState.Busy : WorkerState.Idle, w.TasksStarted))],
        _pool.Pending));

    public void Dispose() => _pool.Dispose();

    // Runs on a worker thread; the piece's awaits resume on worker threads because TaskScheduler.Current is the pool.
    private async Task<TaskOutcome> RunOnWorkerAsync(TaskPiece piece, Action<DateTimeOffset> started, CancellationToken cancellationToken)
    {
        var worker = ThreadWorkerPool.CurrentWorker ?? throw new InvalidOperationException("Not on a thread worker.");
        worker.CountTaskStarted();
        var result = await PieceRunner.RunAsync(piece.Workload, piece.Piece, context, started, cancellationToken, piece.Gil ? gil : null);
        var identity = new WorkerIdentity(worker.Name, Environment.ProcessId, result.ThreadId);
        var record = new TaskRecord(piece.Index, result.Status, identity, result.StartedAt, result.Duration, result.CpuTime, result.Error)
        {
            GilWait = result.GilWait,
        };
        return new TaskOutcome(record, result.Output);
    }
}
