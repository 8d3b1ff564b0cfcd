using System.Buffers.Binary;
using ConcurrencyService.Workloads.Protocol;
using static ConcurrencyService.Worker.Libc;

namespace ConcurrencyService.Worker;

/// <summary>
/// The worker's stdin, read frame by frame through its own buffer (one read call takes a header and its payload, and
/// often what follows), and able to say without blocking whether a whole frame has already arrived: between two tasks
/// the worker reads a cancel the host sent for the task queued ahead before it starts that task.
/// </summary>
internal sealed class FrameInput(Stream stream)
{
    private byte[] _buffer = new byte[FramePump.ReadBuffer];
    private int _start;
    private int _end;

    /// <summary>The next frame, waiting for it; null at a clean end of input.</summary>
    public Frame? Read()
    {
        while (true)
        {
            if (TryTake() is { } frame)
            {
                return frame;
            }

            if (Fill() == 0)
            {
                return _start == _end ? null : throw new EndOfStreamException("The stream ended inside a frame.");
            }
        }
    }

    /// <summary>The next frame if all of it has already arrived, else null (never blocks on a pipe with nothing in it).</summary>
    public Frame? ReadArrived()
    {
        while (true)
        {
            if (TryTake() is { } frame)
            {
                return frame;
            }

            if (!InputWaiting() || Fill() == 0)
            {
                return null;
            }
        }
    }

    private Frame? TryTake()
    {
        var buffered = _end - _start;
        if (buffered < Frames.HeaderSize)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(_start));
        if (length is < 0 or > Frames.MaxPayload)
        {
            throw new InvalidDataException($"Frame length {length} is outside 0..{Frames.MaxPayload}: the stream is corrupt.");
        }

        if (buffered < Frames.HeaderSize + length)
        {
            return null;
        }

        var frame = new Frame((FrameType)_buffer[_start + 4], _buffer.AsSpan(_start + Frames.HeaderSize, length).ToArray());
        _start += Frames.HeaderSize + length;
        return frame;
    }

    // Moves what is buffered to the front, grows the buffer for a large frame, and reads once more.
    private int Fill()
    {
        var buffered = _end - _start;
        var needed = buffered >= Frames.HeaderSize ? Frames.HeaderSize + BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(_start)) : Frames.HeaderSize;
        if (needed > _buffer.Length)
        {
            var larger = new byte[needed];
            _buffer.AsSpan(_start, buffered).CopyTo(larger);
            _buffer = larger;
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, buffered).CopyTo(_buffer);
        }

        _start = 0;
        _end = buffered;
        var n = stream.Read(_buffer.AsSpan(_end));
        _end += n;
        return n;
    }

    private static bool InputWaiting()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return false; // a cancel then reaches the worker only after the task ahead; the host kills it instead
        }

        var fd = new PollFd { Fd = StdinFd, Events = PollEvents.In };
        return Poll(ref fd, 1, 0) > 0 && (fd.Revents & PollEvents.In) != 0;
    }
}
