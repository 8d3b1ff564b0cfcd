using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;

namespace ConcurrencyService.Workloads.Protocol;

/// <summary>
/// Length-prefixed frames: a 4-byte little-endian payload length, a 1-byte <see cref="FrameType"/>, then the
/// payload: binary for the per-task messages (<see cref="BinaryMessages"/>), UTF-8 JSON for the rest. One frame is
/// written with one write call, so concurrent writers need only a lock.
/// </summary>
public static class Frames
{
    public const int HeaderSize = 5;

    /// <summary>Frames larger than this are refused on both ends (a corrupt length must not allocate gigabytes).</summary>
    public const int MaxPayload = 64 * 1024 * 1024;

    public static byte[] Encode<T>(FrameType type, T message)
    {
        if (BinaryMessages.TryEncode(type, message, out var binary))
        {
            return binary;
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(message, WorkloadJson.Info<T>());
        if (payload.Length > MaxPayload)
        {
            throw new InvalidOperationException($"A {type} frame of {payload.Length} bytes exceeds the {MaxPayload}-byte limit.");
        }

        var frame = new byte[HeaderSize + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length);
        frame[4] = (byte)type;
        payload.CopyTo(frame.AsSpan(HeaderSize));
        return frame;
    }

    public static void Write<T>(Stream stream, FrameType type, T message)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Encode(type, message));
        stream.Flush();
    }

    public static async ValueTask WriteAsync<T>(Stream stream, FrameType type, T message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await stream.WriteAsync(Encode(type, message), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>Reads one frame; null at a clean end of stream. Throws on a truncated or oversized frame.</summary>
    public static Frame? Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[HeaderSize];
        if (!Fill(stream, header, allowEof: true))
        {
            return null;
        }

        var payload = new byte[Length(header)];
        Fill(stream, payload, allowEof: false);
        return new Frame((FrameType)header[4], payload);
    }

    public static async ValueTask<Frame?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = ArrayPool<byte>.Shared.Rent(HeaderSize);
        try
        {
            if (!await FillAsync(stream, header.AsMemory(0, HeaderSize), allowEof: true, cancellationToken))
            {
                return null;
            }

            var payload = new byte[Length(header)];
            await FillAsync(stream, payload, allowEof: false, cancellationToken);
            return new Frame((FrameType)header[4], payload);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(header);
        }
    }

    private static int Length(ReadOnlySpan<byte> header)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length is < 0 or > MaxPayload)
        {
            throw new InvalidDataException($"Frame length {length} is outside 0..{MaxPayload}: the stream is corrupt.");
        }

        return length;
    }

    private static bool Fill(Stream stream, Span<byte> buffer, bool allowEof)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer[read..]);
            if (n == 0)
            {
                return read == 0 && allowEof ? false : throw new EndOfStreamException("The stream ended inside a frame.");
            }

            read += n;
        }

        return true;
    }

    private static async ValueTask<bool> FillAsync(Stream stream, Memory<byte> buffer, bool allowEof, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer[read..], cancellationToken);
            if (n == 0)
            {
                return read == 0 && allowEof ? false : throw new EndOfStreamException("The stream ended inside a frame.");
            }

            read += n;
        }

        return true;
    }
}

/// <summary>One frame as read: its type and raw payload.</summary>
public sealed record Frame(FrameType Type, byte[] Payload)
{
    public T Read<T>() =>
        BinaryMessages.TryDecode<T>(Type, Payload, out var message) ? message
        : JsonSerializer.Deserialize(Payload, WorkloadJson.Info<T>()) ?? throw new InvalidDataException($"A {Type} frame carried no message.");
}
