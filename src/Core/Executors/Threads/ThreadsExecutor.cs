using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Core.Executors.Threads;

/// <summary>
/// Runs tasks in this process on the dedicated threads of a <see cref="ThreadWorkerPool"/>, which it owns. A task whose
/// piece asks for the GIL runs under <paramref name="gil"/>, shared by every such task on this executor, as all threads
/// of one CPython process share one GIL. A cancelled task that does not stop within <paramref name="cancelGrace"/> is
/// reported cancelled at once; the thread it holds is abandoned and replaced, since a thread cannot be killed.
/// </summary>
public sealed class ThreadsExecutor(ThreadWorkerPool pool, Gil gil, WorkloadContext context, TimeSpan cancelGrace) : ITaskExecutor, IDisposable
{
    private readonly ThreadWorkerPool _pool = pool;

    public ExecutorKind Kind => ExecutorKind.Threads;

    public async Task<TaskOutcome> RunAsync(TaskPiece piece, Action<TaskStart> started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(piece);
        var run = new PieceRun(piece, started);
        var task = Task.Factory.StartNew(
            () => RunOnWorkerAsync(run, cancellationToken),
            cancellationToken,
            TaskCreationOptions.DenyChildAttach,
            _pool).Unwrap();
        try
        {
            return await task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled: wait below for the piece to stop by itself.
        }

        try
        {
            return await task.WaitAsync(cancelGrace, CancellationToken.None);
        }
        catch (OperationCanceledException) when (task.IsCanceled)
        {
            return TaskOutcome.NotStarted(piece.Index); // cancelled before a worker took it
        }
        catch (TimeoutException)
        {
            return Abandon(run);
        }
    }

    public ValueTask<ExecutorWorkers> DescribeWorkersAsync(CancellationToken cancellationToken)
    {
        var abandoned = _pool.AbandonedWorkers;
        var description = $"{_pool.Workers.Count} dedicated threads in the API process ({Environment.ProcessId}); awaited IO holds no thread.";
        return ValueTask.FromResult(new ExecutorWorkers(
            abandoned.Count == 0 ? description : $"{description} {abandoned.Count} abandoned threads are still held by tasks that ignored cancellation.",
            [.. _pool.Workers.Select(w => Describe(w, w.Busy ? WorkerState.Busy : WorkerState.Idle)), .. abandoned.Select(w => Describe(w, WorkerState.Abandoned))],
            _pool.Pending)
        {
            AbandonedWorkers = _pool.AbandonedTotal,
        });
    }

    public void Dispose() => _pool.Dispose();

    private static WorkerInfo Describe(ThreadWorker worker, WorkerState state) =>
        new(worker.Name, Environment.ProcessId, worker.ThreadId, state, worker.TasksStarted);

    private TaskOutcome Abandon(PieceRun run)
    {
        var threads = _pool.Abandon(run);
        var error = threads > 0
            ? $"Cancelled, but the task ignored the cancellation for {cancelGrace.TotalMilliseconds:0} ms; its thread was abandoned and replaced."
            : $"Cancelled, but the task ignored the cancellation for {cancelGrace.TotalMilliseconds:0} ms; it holds no thread and was left to finish unobserved.";
        var record = new TaskRecord(
            run.Piece.Index,
            run.StartedAt is null ? TaskRunStatus.NotStarted : TaskRunStatus.Cancelled,
            run.Worker,
            run.StartedAt,
            run.StartedAt is { } at ? MonotonicClock.UtcNow - at : null,
            null,
            error);
        return new TaskOutcome(record, null);
    }

    // Runs on a worker thread; the piece's awaits resume on worker threads because TaskScheduler.Current is the pool.
    private async Task<TaskOutcome> RunOnWorkerAsync(PieceRun run, CancellationToken cancellationToken)
    {
        var worker = ThreadWorkerPool.CurrentWorker ?? throw new InvalidOperationException("Not on a thread worker.");
        ThreadWorkerPool.EnterPiece(run);
        worker.CountTaskStarted();
        var piece = run.Piece;
        var result = await PieceRunner.RunAsync(
            piece.Workload,
            piece.Piece,
            context,
            at => run.Start(at, new WorkerIdentity(worker.Name, Environment.ProcessId, OsThread.CurrentId)),
            cancellationToken,
            piece.Gil ? gil : null);
        var record = new TaskRecord(piece.Index, result.Status, run.Worker, result.StartedAt, result.Duration, result.CpuTime, result.Error)
        {
            GilWait = result.GilWait,
        };
        return new TaskOutcome(record, result.Output);
    }

    /// <summary>One task on its way through the pool: what it runs, and where and when it started.</summary>
    private sealed class PieceRun(TaskPiece piece, Action<TaskStart> started)
    {
        public TaskPiece Piece { get; } = piece;

        public WorkerIdentity? Worker { get; private set; }

        public DateTimeOffset? StartedAt { get; private set; }

        public void Start(DateTimeOffset at, WorkerIdentity worker)
        {
            Worker = worker;
            StartedAt = at;
            started(new TaskStart(at, worker));
        }
    }
}
