using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.Workloads;

/// <summary>
/// A workload's piece or output as it crosses to and from a worker process: its fields in binary, in declaration
/// order. A worker reads and writes these without System.Text.Json, whose first use was most of a fresh worker's own
/// start-up (docs/performance.md, "Pieces and outputs in binary, and no JSON in a worker"); the API converts from and to the JSON shape at its edge (<see cref="IWorkload.EncodePiece"/>,
/// <see cref="IWorkload.DecodeOutput"/>).
/// </summary>
public interface IBinaryRecord<TSelf>
    where TSelf : IBinaryRecord<TSelf>
{
    void Write(PayloadWriter writer);

    static abstract TSelf Read(ref PayloadReader reader);
}

/// <summary>Whole-record encoding of <see cref="IBinaryRecord{TSelf}"/> values.</summary>
public static class BinaryRecord
{
    public static byte[] Encode<T>(T value)
        where T : IBinaryRecord<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        var writer = PayloadWriter.RentBare();
        value.Write(writer);
        return writer.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not one whole <typeparamref name="T"/>.</exception>
    /// <param name="owner">Names the record in errors with <paramref name="part"/>, e.g. "cpu.primes" and "piece".</param>
    public static T Decode<T>(ReadOnlySpan<byte> bytes, string owner, string part)
        where T : IBinaryRecord<T>
    {
        var reader = new PayloadReader(bytes, owner, part);
        var value = T.Read(ref reader);
        reader.End();
        return value;
    }
}
