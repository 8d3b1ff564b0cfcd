using System.Text.Json.Nodes;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog.Diagnostics;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Protocol;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.WorkerHost.Worker;

/// <summary>
/// The worker's main loop, on the worker's single task thread: it reads the next task from stdin itself, runs it,
/// and writes the result from the same thread as soon as the piece ends — no hand-off between a reader and the task
/// thread. The host sends one task at a time, so nothing waits behind a running task.
/// </summary>
public sealed class TaskLoop(WorkloadCatalog catalog, WorkloadContext context, Stream input, Stream output, bool faultWorkloads)
{
    private const string WarmUpWorkload = "cpu.squares";
    private const string WarmUpPiece = """{"from":0,"to":0}""";

    /// <summary>Runs until end of input; throws <see cref="InvalidDataException"/> (or an IO error) on a corrupt or broken stream.</summary>
    public async Task RunAsync()
    {
        await WarmUpAsync();
        Frames.Write(output, FrameType.WorkerReady, new WorkerReady(Environment.ProcessId, OsThread.CurrentId));

        // The awaits resume on the task thread: TaskScheduler.Current is the worker's ThreadWorkerPool.
        while (Frames.Read(input) is { } frame)
        {
            if (frame.Type != FrameType.RunTask)
            {
                await Console.Error.WriteLineAsync($"worker {Environment.ProcessId}: ignoring an unexpected {frame.Type} frame");
                continue;
            }

            var completed = await RunAsync(frame.Read<RunTaskMessage>());
            Frames.Write(output, FrameType.TaskCompleted, completed);
        }
    }

    // Before "ready": one no-op piece through the whole per-task path (frame decode, JSON piece and output, result
    // encode). System.Text.Json's first use was 30-60 ms of a fresh worker's first task (README, Performance), so a
    // spare process was not really ready; now it is, and a warm pool's first task runs at warm speed.
    private async Task WarmUpAsync()
    {
        var frame = Frames.Encode(FrameType.RunTask, new RunTaskMessage(0, WarmUpWorkload, JsonNode.Parse(WarmUpPiece)!));
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

        PieceResult result;
        try
        {
            // No cancellation token: a task is stopped by killing this process, which works even for code that never checks one.
            result = await PieceRunner.RunAsync(workload, task.Piece, context, null, CancellationToken.None);
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
