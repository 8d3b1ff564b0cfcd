using System.Buffers.Binary;
using System.Text;

namespace ConcurrencyService.Workloads.Protocol;

/// <summary>Reads what <see cref="PayloadWriter"/> wrote, in the same order; a short or malformed payload is <see cref="InvalidDataException"/>.</summary>
public ref struct PayloadReader
{
    private readonly FrameType _type;
    private readonly string? _record;
    private readonly string? _part;
    private ReadOnlySpan<byte> _rest;

    internal PayloadReader(ReadOnlySpan<byte> payload, FrameType type)
    {
        _rest = payload;
        _type = type;
    }

    /// <summary>A reader of a record on its own; <paramref name="owner"/> and <paramref name="part"/> (e.g. "cpu.primes", "piece") name it in errors.</summary>
    internal PayloadReader(ReadOnlySpan<byte> payload, string owner, string part)
    {
        _rest = payload;
        _record = owner;
        _part = part;
    }

    // Only formatted for an error: reading a record allocates nothing but its values.
    private readonly string What => _record is null ? $"{_type} frame" : $"{_record} {_part}";

    public byte Byte() => Take(1)[0];

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public bool Boolean() => Flag("boolean");

    public IReadOnlyList<double> Doubles()
    {
        var count = Int32();
        if (count < 0 || count > _rest.Length / 8)
        {
            throw new InvalidDataException($"A {What} has a count of {count} numbers with {_rest.Length} bytes left.");
        }

        var values = new double[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Double();
        }

        return values;
    }

    public byte[]? Bytes() => Length() is var n and >= 0 ? Take(n).ToArray() : null;

    public DateTimeOffset Instant() => new(Int64(), TimeSpan.Zero);

    public string? String() => Length() is var n and >= 0 ? Encoding.UTF8.GetString(Take(n)) : null;

    public long? OptionalInt64() => Present() ? Int64() : null;

    public int? OptionalInt32() => Present() ? Int32() : null;

    public double? OptionalDouble() => Present() ? Double() : null;

    public DateTimeOffset? OptionalInstant() => Present() ? Instant() : null;

    public readonly void End()
    {
        if (!_rest.IsEmpty)
        {
            throw new InvalidDataException($"A {What} has {_rest.Length} bytes left over: the peers speak different protocols.");
        }
    }

    private bool Present() => Flag("presence");

    private bool Flag(string kind) => Byte() switch
    {
        0 => false,
        1 => true,
        var b => throw new InvalidDataException($"A {What} has a {kind} byte of {b}."),
    };

    private int Length()
    {
        var n = Int32();
        return n >= -1 ? n : throw new InvalidDataException($"A {What} has a length of {n}.");
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _rest.Length)
        {
            throw new InvalidDataException($"A {What} ended early: wanted {count} more bytes, {_rest.Length} left.");
        }

        var taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }
}
