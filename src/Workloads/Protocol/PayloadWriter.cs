using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Workloads.Protocol;

/// <summary>
/// Writes a binary payload after a frame header: fixed-size little-endian numbers, length-prefixed UTF-8 strings, and
/// JSON only for the workload's own data (a piece, an output), which is JSON by nature.
/// </summary>
internal sealed class PayloadWriter
{
    [ThreadStatic]
    private static PayloadWriter? t_cached;

    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _json;

    private PayloadWriter() => _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });

    /// <summary>A writer for this thread, emptied, with room for the frame header reserved.</summary>
    public static PayloadWriter Rent(FrameType type)
    {
        var writer = t_cached ?? new PayloadWriter();
        t_cached = null;
        writer._buffer.ResetWrittenCount();
        var header = writer._buffer.GetSpan(Frames.HeaderSize);
        header[4] = (byte)type;
        writer._buffer.Advance(Frames.HeaderSize);
        return writer;
    }

    /// <summary>The whole frame, header included; the writer goes back to this thread's cache.</summary>
    public byte[] ToFrame()
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

    /// <summary>A length prefix, then the node as UTF-8 JSON written straight into the buffer; -1 for null.</summary>
    public void Json(JsonNode? node)
    {
        if (node is null)
        {
            Int32(-1);
            return;
        }

        var prefixAt = _buffer.WrittenCount;
        Int32(0);
        _json.Reset(_buffer);
        node.WriteTo(_json, WorkloadJson.Options);
        _json.Flush();
        var length = _buffer.WrittenCount - prefixAt - 4;
        // ArrayBufferWriter exposes its written bytes read-only; patch the prefix through the underlying memory.
        BinaryPrimitives.WriteInt32LittleEndian(System.Runtime.InteropServices.MemoryMarshal.AsMemory(_buffer.WrittenMemory).Span[prefixAt..], length);
    }

    public void Optional(long? value) => Optional(value, static (w, v) => w.Int64(v));

    public void Optional(int? value) => Optional(value, static (w, v) => w.Int32(v));

    public void Optional(double? value) => Optional(value, static (w, v) => w.Double(v));

    public void Optional(DateTimeOffset? value) => Optional(value, static (w, v) => w.Instant(v));

    /// <summary>Puts the writer back in this thread's cache without making a frame.</summary>
    public void Release() => t_cached = this;

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
