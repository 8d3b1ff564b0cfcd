using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Catalog.Diagnostics;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Protocol;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Worker;

/// <summary>
/// The worker's main loop, on the worker's single task thread: it reads the next task from stdin itself, runs it,
/// and writes the result from the same thread as soon as the piece ends — no hand-off between a reader and the task
/// thread. A warm worker's host keeps one task queued ahead in the pipe, so the next task is usually there when a result
/// goes out; before writing a result the worker reads whatever has already arrived, and a cancel for the task queued
/// ahead makes it skip that task (a NotStarted result, written before the finished task's result, so the host knows the
/// skip took effect before it would count the task as started).
/// </summary>
public sealed class TaskLoop(WorkloadCatalog catalog, WorkloadContext context, Stream input, Stream output, bool faultWorkloads)
{
    private const string WarmUpWorkload = "cpu.squares";

    private readonly FrameInput _input = new(input);
    private readonly List<RunTaskMessage> _ahead = [];

    /// <summary>Runs until end of input; throws <see cref="InvalidDataException"/> (or an IO error) on a corrupt or broken stream.</summary>
    public async Task RunAsync()
    {
        await WarmUpAsync();
        Frames.Write(output, FrameType.WorkerReady, new WorkerReady(Environment.ProcessId, OsThread.CurrentId));

        // The awaits resume on the task thread: TaskScheduler.Current is the worker's ThreadWorkerPool.
        while (await NextAsync() is { } task)
        {
            var completed = await RunAsync(task);
            await TakeArrivedAsync();
            Frames.Write(output, FrameType.TaskCompleted, completed);
        }
    }

    private async Task<RunTaskMessage?> NextAsync()
    {
        if (_ahead.Count > 0)
        {
            var next = _ahead[0];
            _ahead.RemoveAt(0);
            return next;
        }

        while (_input.Read() is { } frame)
        {
            if (await AcceptAsync(frame) is { } task)
            {
                return task;
            }
        }

        return null;
    }

    // Every frame already in the pipe: tasks join the queue ahead, a cancel removes its task from it.
    private async Task TakeArrivedAsync()
    {
        while (_input.ReadArrived() is { } frame)
        {
            if (await AcceptAsync(frame) is { } task)
            {
                _ahead.Add(task);
            }
        }
    }

    private async Task<RunTaskMessage?> AcceptAsync(Frame frame)
    {
        switch (frame.Type)
        {
            case FrameType.RunTask:
                return frame.Read<RunTaskMessage>();
            case FrameType.CancelTask:
                Skip(frame.Read<CancelTaskMessage>().TaskId); // a cancel for a task already run (or unknown) has nothing to do
                return null;
            default:
                await Console.Error.WriteLineAsync($"worker {Environment.ProcessId}: ignoring an unexpected {frame.Type} frame");
                return null;
        }
    }

    private void Skip(long taskId)
    {
        var index = _ahead.FindIndex(t => t.TaskId == taskId);
        if (index < 0)
        {
            return;
        }

        _ahead.RemoveAt(index);
        Frames.Write(output, FrameType.TaskCompleted, new TaskCompletedMessage(
            taskId, TaskRunStatus.NotStarted, null, "cancelled before its worker process started it", null, Environment.ProcessId, null, null, null, null, 0));
    }

    // Before "ready": one no-op piece through the whole per-task path (frame decode, binary piece and output, result
    // encode), so that a spare process is really ready and a warm pool's first task runs at warm speed.
    private async Task WarmUpAsync()
    {
        var frame = Frames.Encode(FrameType.RunTask, new RunTaskMessage(0, WarmUpWorkload, BinaryRecord.Encode(new SquaresWorkload.Piece(0, 0))));
        if (Frames.Read(new MemoryStream(frame)) is { } decoded && catalog.TryGet(WarmUpWorkload, out _))
        {
            Frames.Encode(FrameType.TaskCompleted, await RunAsync(decoded.Read<RunTaskMessage>()));
        }
    }

    private async Task<TaskCompletedMessage> RunAsync(RunTaskMessage task)
    {
        if (!catalog.TryGet(task.Workload, out var workload))
        {
            return new TaskCompletedMessage(
                task.TaskId, TaskRunStatus.Failed, null, UnknownWorkload(task.Workload), null, Environment.ProcessId, OsThread.CurrentId,
                MonotonicClock.UtcNow, 0, null, 0);
        }

        PieceResult<byte[]> result;
        try
        {
            // No cancellation token: a task is stopped by killing this process, which works even for code that never checks one.
            result = await PieceRunner.RunEncodedAsync(workload, task.Piece, context, CancellationToken.None);
        }
        catch (OutOfMemoryException ex)
        {
            // The heap is exhausted; nothing here can be trusted to work. Die loudly and let the host report and replace us.
            Environment.FailFast($"worker {Environment.ProcessId} ran out of memory in task {task.TaskId} ({task.Workload}).", ex);
            throw;
        }

        return new TaskCompletedMessage(
            task.TaskId, result.Status, result.Output, result.Error, null, Environment.ProcessId, result.ThreadId, result.StartedAt,
            result.Duration.TotalMilliseconds, result.CpuTime?.TotalMilliseconds, 0);
    }

    private string UnknownWorkload(string name) =>
        !faultWorkloads && name.StartsWith("debug.", StringComparison.Ordinal)
            ? $"Workload '{name}' is not offered by this worker: fault workloads are disabled ({DiagnosticWorkloads.ConfigurationKey})."
            : $"Unknown workload '{name}'.";
}
