using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Protocol;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Core.Executors.Processes;

/// <summary>
/// Runs tasks in worker processes of the worker host. A task's record carries the worker's real pid and
/// thread id, the timings the worker measured, and the dispatch overhead: the round trip seen from here
/// minus the time the task waited for a free worker and minus the workload's own run time.
/// </summary>
public sealed class ProcessesExecutor(WorkerHostSupervisor supervisor, IOptions<ProcessesExecutorOptions> options) : ITaskExecutor
{
    public ExecutorKind Kind => ExecutorKind.Processes;

    public async Task<TaskOutcome> RunAsync(TaskPiece piece, Action<TaskStart> started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(piece);
        WorkerHostConnection connection;
        try
        {
            connection = await supervisor.GetConnectionAsync(cancellationToken).WaitAsync(options.Value.StartTimeout, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return TaskOutcome.NotStarted(piece.Index);
        }
        catch (TimeoutException)
        {
            return TaskOutcome.FailedBeforeStart(piece.Index, $"The worker host is not available: {supervisor.Problem ?? "not connected"}");
        }

        TaskStartedMessage? start = null;
        var (result, output, roundTrip) = await connection.RunAsync(
            piece.Workload,
            piece.Piece,
            s =>
            {
                start = s;
                started(new TaskStart(s.StartedAt, new WorkerIdentity(s.Worker, s.ProcessId, null)));
            },
            cancellationToken);
        if (result.Status == TaskRunStatus.NotStarted)
        {
            return TaskOutcome.NotStarted(piece.Index);
        }

        var duration = result.DurationMs is { } ms ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
        TimeSpan? overhead = duration is { } d
            ? TimeSpan.FromTicks(Math.Max(0, (roundTrip - d - TimeSpan.FromMilliseconds(result.HostQueueMs)).Ticks))
            : null;
        // A killed or crashed worker can't report on itself; the host's start notice still names it.
        var identity = (result.ProcessId ?? start?.ProcessId) is { } pid
            ? new WorkerIdentity(result.Worker ?? start?.Worker ?? $"pid-{pid}", pid, result.ThreadId)
            : null;
        var record = new TaskRecord(
            piece.Index,
            result.Status,
            identity,
            result.StartedAt ?? start?.StartedAt,
            duration,
            result.CpuTimeMs is { } cpu ? TimeSpan.FromMilliseconds(cpu) : null,
            result.Error,
            overhead);
        return new TaskOutcome(record, output);
    }

    public async ValueTask<ExecutorWorkers> DescribeWorkersAsync(CancellationToken cancellationToken)
    {
        if (!supervisor.IsConnected)
        {
            return new ExecutorWorkers($"The worker host is not connected: {supervisor.Problem}", [], 0) { Problem = supervisor.Problem };
        }

        PoolState pool;
        try
        {
            pool = await supervisor.DescribePoolAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException)
        {
            return new ExecutorWorkers($"The worker host did not answer: {ex.Message}", [], 0) { Problem = ex.Message };
        }

        return new ExecutorWorkers(
            $"{pool.PoolSize} worker processes ({pool.Mode}) of worker host {pool.HostProcessId}, one task at a time each.",
            [.. pool.Workers.Select(ToWorkerInfo)],
            pool.PendingTasks)
        {
            Problem = pool.Problem,
            Pool = new ProcessPoolInfo(pool.Mode, pool.HostProcessId, pool.WorkersCrashed, pool.WorkersKilled, pool.WorkersRecycled),
        };
    }

    private static WorkerInfo ToWorkerInfo(WorkerProcessState worker) =>
        new(worker.Name, worker.ProcessId ?? 0, worker.ThreadId, ParseState(worker.State), worker.TasksDone)
        {
            UptimeSeconds = Math.Round(worker.UptimeSeconds, 3),
            ResidentMemoryBytes = worker.ResidentMemoryBytes,
            Restarts = worker.Restarts,
            LastExit = worker.LastExit,
        };

    private static WorkerState ParseState(string state) =>
        Enum.TryParse<WorkerState>(state, ignoreCase: true, out var parsed) ? parsed : WorkerState.Stopped;
}
