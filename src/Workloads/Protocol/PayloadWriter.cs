using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ConcurrencyService.Workloads.Protocol;

/// <summary>
/// Writes a binary payload: fixed-size little-endian numbers, length-prefixed UTF-8 strings and byte runs, after a
/// frame header (<see cref="Rent"/>) or on its own for a workload's piece or output (<see cref="IBinaryRecord{TSelf}"/>).
/// </summary>
public sealed class PayloadWriter
{
    [ThreadStatic]
    private static PayloadWriter? t_cached;

    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    private PayloadWriter()
    {
    }

    /// <summary>A writer for this thread, emptied, with room for the frame header reserved.</summary>
    internal static PayloadWriter Rent(FrameType type)
    {
        var writer = RentBare();
        var header = writer._buffer.GetSpan(Frames.HeaderSize);
        header[4] = (byte)type;
        writer._buffer.Advance(Frames.HeaderSize);
        return writer;
    }

    /// <summary>A writer for this thread, emptied, for a payload of its own (no frame header).</summary>
    internal static PayloadWriter RentBare()
    {
        var writer = t_cached ?? new PayloadWriter();
        t_cached = null;
        writer._buffer.ResetWrittenCount();
        return writer;
    }

    /// <summary>The whole frame, header included; the writer goes back to this thread's cache.</summary>
    internal byte[] ToFrame()
    {
        var length = _buffer.WrittenCount - Frames.HeaderSize;
        if (length > Frames.MaxPayload)
        {
            throw new InvalidOperationException($"A frame of {length} bytes exceeds the {Frames.MaxPayload}-byte limit.");
        }

        var frame = _buffer.WrittenSpan.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(frame, length);
        t_cached = this;
        return frame;
    }

    /// <summary>What was written, as a new array; the writer goes back to this thread's cache.</summary>
    internal byte[] ToArray()
    {
        var bytes = _buffer.WrittenSpan.ToArray();
        t_cached = this;
        return bytes;
    }

    public void Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void Double(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void Boolean(bool value) => Byte(value ? (byte)1 : (byte)0);

    /// <summary>A count, then each value (bit-exact, so a sum computed in a worker is the sum the API combines).</summary>
    public void Doubles(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Int32(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            Double(values[i]);
        }
    }

    /// <summary>A length prefix, then the bytes; -1 for null.</summary>
    public void Bytes(byte[]? value)
    {
        if (value is null)
        {
            Int32(-1);
            return;
        }

        Int32(value.Length);
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
    }

    /// <summary>UTC ticks: the protocol's instants are UTC.</summary>
    public void Instant(DateTimeOffset value) => Int64(value.UtcTicks);

    public void String(string? value)
    {
        if (value is null)
        {
            Int32(-1);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        Int32(length);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
    }

    public void Optional(long? value) => Optional(value, static (w, v) => w.Int64(v));

    public void Optional(int? value) => Optional(value, static (w, v) => w.Int32(v));

    public void Optional(double? value) => Optional(value, static (w, v) => w.Double(v));

    public void Optional(DateTimeOffset? value) => Optional(value, static (w, v) => w.Instant(v));

    /// <summary>Puts the writer back in this thread's cache without making a frame.</summary>
    internal void Release() => t_cached = this;

    // A presence byte, then the value if there is one.
    private void Optional<T>(T? value, Action<PayloadWriter, T> write)
        where T : struct
    {
        Byte(value.HasValue ? (byte)1 : (byte)0);
        if (value is { } v)
        {
            write(this, v);
        }
    }
}
