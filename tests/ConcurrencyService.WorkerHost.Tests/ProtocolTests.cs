using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.WorkerHost.Tests;

/// <summary>The per-task frames are binary: each message must come back as it was sent, nulls included, and a short frame must be refused.</summary>
public sealed class ProtocolTests
{
    [Fact]
    public void TaskFrames_RoundTrip_WithValuesAndWithNulls()
    {
        var at = new DateTimeOffset(2026, 12, 1, 23, 59, 58, TimeSpan.Zero).AddTicks(1234);
        var run = new RunTaskMessage(42, "cpu.primés ☃", [5, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0]);
        var started = new TaskStartedMessage(42, "worker-2", 4242, at);
        var full = new TaskCompletedMessage(42, TaskRunStatus.Succeeded, [12, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0], null, "worker-2", 4242, 4250, at, 1.5, 1.25, 0.75);
        var empty = new TaskCompletedMessage(7, TaskRunStatus.NotStarted, null, "cancelled", null, null, null, null, null, null, 3);

        var runBack = RoundTrip(FrameType.RunTask, run);
        Assert.Equal((run.TaskId, run.Workload), (runBack.TaskId, runBack.Workload));
        Assert.Equal(run.Piece, runBack.Piece);
        Assert.Equal(started, RoundTrip(FrameType.TaskStarted, started));
        var fullBack = RoundTrip(FrameType.TaskCompleted, full);
        Assert.Equal(full with { Output = null }, fullBack with { Output = null });
        Assert.Equal(full.Output, fullBack.Output);
        Assert.Equal(empty, RoundTrip(FrameType.TaskCompleted, empty));
        Assert.Equal(new CancelTaskMessage(9), RoundTrip(FrameType.CancelTask, new CancelTaskMessage(9)));
        Assert.Equal(new WorkerReady(1, 2), RoundTrip(FrameType.WorkerReady, new WorkerReady(1, 2)));
    }

    [Fact]
    public void TaskFrame_CutShort_IsRefusedAsCorrupt()
    {
        var frame = Frames.Encode(FrameType.TaskStarted, new TaskStartedMessage(1, "worker-1", 10, DateTimeOffset.UnixEpoch));
        var cut = new Frame(FrameType.TaskStarted, frame[Frames.HeaderSize..^3]);

        Assert.Throws<InvalidDataException>(() => cut.Read<TaskStartedMessage>());
    }

    private static T RoundTrip<T>(FrameType type, T message)
    {
        using var stream = new MemoryStream(Frames.Encode(type, message));
        var frame = Frames.Read(stream)!;
        Assert.Equal(type, frame.Type);
        return frame.Read<T>();
    }
}
