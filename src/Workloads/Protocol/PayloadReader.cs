using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Workloads.Protocol;

/// <summary>Reads what <see cref="PayloadWriter"/> wrote, in the same order; a short or malformed payload is <see cref="InvalidDataException"/>.</summary>
internal ref struct PayloadReader(ReadOnlySpan<byte> payload, FrameType type)
{
    private ReadOnlySpan<byte> _rest = payload;

    public byte Byte() => Take(1)[0];

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public DateTimeOffset Instant() => new(Int64(), TimeSpan.Zero);

    public string? String() => Length() is var n and >= 0 ? Encoding.UTF8.GetString(Take(n)) : null;

    public JsonNode? Json() => Length() is var n and >= 0 ? JsonNode.Parse(Take(n)) : null;

    public long? OptionalInt64() => Present() ? Int64() : null;

    public int? OptionalInt32() => Present() ? Int32() : null;

    public double? OptionalDouble() => Present() ? Double() : null;

    public DateTimeOffset? OptionalInstant() => Present() ? Instant() : null;

    public readonly void End()
    {
        if (!_rest.IsEmpty)
        {
            throw new InvalidDataException($"A {type} frame has {_rest.Length} bytes left over: the peers speak different protocols.");
        }
    }

    private bool Present() => Byte() switch
    {
        0 => false,
        1 => true,
        var b => throw new InvalidDataException($"A {type} frame has a presence byte of {b}."),
    };

    private int Length()
    {
        var n = Int32();
        return n >= -1 ? n : throw new InvalidDataException($"A {type} frame has a length of {n}.");
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _rest.Length)
        {
            throw new InvalidDataException($"A {type} frame ended early: wanted {count} more bytes, {_rest.Length} left.");
        }

        var taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }
}
