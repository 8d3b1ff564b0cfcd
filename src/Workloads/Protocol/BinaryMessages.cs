using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.Workloads.Protocol;

/// <summary>
/// The binary form of the per-task messages (run, started, completed, cancel, ready): every task crosses two
/// process boundaries and back, and a reflection-based JSON round of each envelope cost more than the hop itself
/// (and tens of milliseconds of JIT in a fresh worker). Pieces and outputs are byte runs in the workload's own binary
/// form, which the host forwards unread. The pool's description and the hello stay JSON: rare, and easier to read in
/// a capture.
/// </summary>
internal static class BinaryMessages
{
    public static bool TryEncode<T>(FrameType type, T message, out byte[] frame)
    {
        var w = PayloadWriter.Rent(type);
        switch (message)
        {
            case RunTaskMessage run:
                w.Int64(run.TaskId);
                w.String(run.Workload);
                w.Bytes(run.Piece);
                break;
            case TaskStartedMessage started:
                w.Int64(started.TaskId);
                w.String(started.Worker);
                w.Int32(started.ProcessId);
                w.Instant(started.StartedAt);
                break;
            case TaskCompletedMessage done:
                w.Int64(done.TaskId);
                w.Byte((byte)done.Status);
                w.Bytes(done.Output);
                w.String(done.Error);
                w.String(done.Worker);
                w.Optional(done.ProcessId);
                w.Optional(done.ThreadId);
                w.Optional(done.StartedAt);
                w.Optional(done.DurationMs);
                w.Optional(done.CpuTimeMs);
                w.Double(done.HostQueueMs);
                break;
            case CancelTaskMessage cancel:
                w.Int64(cancel.TaskId);
                break;
            case WorkerReady ready:
                w.Int32(ready.ProcessId);
                w.Int64(ready.ThreadId);
                break;
            default:
                w.Release();
                frame = [];
                return false;
        }

        frame = w.ToFrame();
        return true;
    }

    public static bool TryDecode<T>(FrameType type, ReadOnlySpan<byte> payload, out T message)
    {
        var r = new PayloadReader(payload, type);
        object? decoded = null;
        if (typeof(T) == typeof(RunTaskMessage))
        {
            decoded = new RunTaskMessage(r.Int64(), r.String() ?? "", r.Bytes() ?? throw new InvalidDataException("A RunTask frame carried no piece."));
        }
        else if (typeof(T) == typeof(TaskStartedMessage))
        {
            decoded = new TaskStartedMessage(r.Int64(), r.String() ?? "", r.Int32(), r.Instant());
        }
        else if (typeof(T) == typeof(TaskCompletedMessage))
        {
            decoded = new TaskCompletedMessage(
                r.Int64(), Status(r.Byte()), r.Bytes(), r.String(), r.String(), r.OptionalInt32(), r.OptionalInt64(), r.OptionalInstant(),
                r.OptionalDouble(), r.OptionalDouble(), r.Double());
        }
        else if (typeof(T) == typeof(CancelTaskMessage))
        {
            decoded = new CancelTaskMessage(r.Int64());
        }
        else if (typeof(T) == typeof(WorkerReady))
        {
            decoded = new WorkerReady(r.Int32(), r.Int64());
        }

        if (decoded is null)
        {
            message = default!;
            return false;
        }

        r.End();
        message = (T)decoded;
        return true;
    }

    private static TaskRunStatus Status(byte value) =>
        Enum.IsDefined((TaskRunStatus)value) ? (TaskRunStatus)value : throw new InvalidDataException($"Unknown task status {value}.");
}
