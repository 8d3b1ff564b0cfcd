using System.Threading.Channels;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog.Diagnostics;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Protocol;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.WorkerHost.Worker;

/// <summary>
/// The worker's main loop. It runs on the worker's single pool thread, so a task taken from the channel starts on
/// that thread with no further hand-off, and the result is written from it as soon as the piece ends.
/// </summary>
public sealed class TaskLoop(WorkloadCatalog catalog, WorkloadContext context, Stream output, bool faultWorkloads)
{
    public async Task RunAsync(ChannelReader<RunTaskMessage> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        Frames.Write(output, FrameType.WorkerReady, new WorkerReady(Environment.ProcessId, OsThread.CurrentId));
        _ = Task.Run(() => Warmup.RunAsync(catalog, context));

        // The awaits resume on the pool thread: TaskScheduler.Current is the worker's ThreadWorkerPool.
        while (await tasks.WaitToReadAsync())
        {
            while (tasks.TryRead(out var task))
            {
                var completed = await RunAsync(task);
                Frames.Write(output, FrameType.TaskCompleted, completed);
            }
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
