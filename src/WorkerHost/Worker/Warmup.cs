using System.Text.Json.Nodes;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.WorkerHost.Worker;

/// <summary>
/// Runs a no-op task's code path once, off the task thread, right after the worker reports ready: otherwise the
/// first real task pays ~70 ms of JIT for the JSON and timing code, and its round trip would show it.
/// </summary>
public static class Warmup
{
    public static async Task RunAsync(WorkloadCatalog catalog, WorkloadContext context)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!catalog.TryGet("cpu.squares", out var noop))
        {
            return;
        }

        using var input = new MemoryStream(Frames.Encode(FrameType.RunTask, new RunTaskMessage(0, noop.Name, new JsonObject { ["from"] = 0L, ["to"] = 0L })));
        var task = Frames.Read(input)!.Read<RunTaskMessage>();
        var result = await PieceRunner.RunAsync(noop, task.Piece, context, null, CancellationToken.None);
        Frames.Encode(FrameType.TaskCompleted, new TaskCompletedMessage(
            0, result.Status, result.Output, result.Error, null, 0, result.ThreadId, result.StartedAt, result.Duration.TotalMilliseconds, result.CpuTime?.TotalMilliseconds, 0));
    }
}
