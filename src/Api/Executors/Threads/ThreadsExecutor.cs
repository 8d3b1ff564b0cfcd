using ConcurrencyService.Api.Jobs;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Timing;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Executors.Threads;

/// <summary>Runs tasks in this process on the dedicated threads of a <see cref="ThreadWorkerPool"/>.</summary>
public sealed class ThreadsExecutor(IOptions<ThreadsExecutorOptions> options, WorkloadContext context) : ITaskExecutor, IDisposable
{
    private readonly ThreadWorkerPool _pool = new(options.Value.Workers, "thread-worker");

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

    public ExecutorWorkers DescribeWorkers() => new(
        $"{_pool.Workers.Count} dedicated threads in the API process ({Environment.ProcessId}); awaited IO holds no thread.",
        [.. _pool.Workers.Select(w => new WorkerInfo(w.Name, Environment.ProcessId, w.ThreadId, w.Busy ? WorkerState.Busy : WorkerState.Idle, w.TasksStarted))],
        _pool.Pending);

    public void Dispose() => _pool.Dispose();

    // Runs on a worker thread; its awaits resume on worker threads because TaskScheduler.Current is the pool.
    private async Task<TaskOutcome> RunOnWorkerAsync(TaskPiece piece, Action<DateTimeOffset> started, CancellationToken cancellationToken)
    {
        var worker = ThreadWorkerPool.CurrentWorker ?? throw new InvalidOperationException("Not on a thread worker.");
        worker.CountTaskStarted();
        var identity = new WorkerIdentity(worker.Name, Environment.ProcessId, OsThread.CurrentId);
        var startTimestamp = MonotonicClock.Timestamp;
        var startedAt = MonotonicClock.ToUtc(startTimestamp);
        started(startedAt);

        TaskRunStatus status;
        string? error = null;
        System.Text.Json.Nodes.JsonNode? output = null;
        CpuMeter meter;
        using (CpuMeter.Start(out meter))
        {
            try
            {
                output = await piece.Workload.RunPieceAsync(piece.Piece, context, cancellationToken);
                status = TaskRunStatus.Succeeded;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                status = TaskRunStatus.Cancelled;
            }
#pragma warning disable CA1031 // A workload's failure is the task's outcome, whatever its type.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                status = TaskRunStatus.Failed;
                error = $"{ex.GetType().Name}: {ex.Message}";
            }
        }

        var record = new TaskRecord(piece.Index, status, identity, startedAt, MonotonicClock.Since(startTimestamp), meter.Elapsed, error);
        return new TaskOutcome(record, output);
    }
}
