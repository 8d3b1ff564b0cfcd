using System.Text.Json;
using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.Workloads;

/// <summary>
/// Typed base for catalog entries: subclasses work with their own argument, piece and output records and
/// this class does the JSON conversions at the boundary.
/// </summary>
public abstract class Workload<TArgs, TPiece, TOutput> : IWorkload
    where TArgs : notnull
    where TPiece : notnull, IBinaryRecord<TPiece>
    where TOutput : notnull, IBinaryRecord<TOutput>
{
    public abstract string Name { get; }

    public abstract WorkloadKind Kind { get; }

    public abstract string Description { get; }

    public virtual bool RequiresProcessIsolation => false;

    public abstract IReadOnlyList<ParameterSpec> Parameters { get; }

    public abstract JsonObject Example { get; }

    /// <summary>Reads validated values into the workload's argument record.</summary>
    protected abstract TArgs Bind(ParameterValues values);

    /// <summary>Cross-parameter checks; each parameter's own type and range were checked already.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Validate(TArgs args) => [];

    protected abstract IReadOnlyList<TPiece> Split(TArgs args, int tasks);

    protected abstract ValueTask<TOutput> RunAsync(TPiece piece, WorkloadContext context, CancellationToken cancellationToken);

    protected abstract object Combine(TArgs args, IReadOnlyList<TOutput> outputs);

    IReadOnlyDictionary<string, string> IWorkload.Validate(ParameterValues values) =>
        Validate(Bind(values)).ToDictionary(e => e.Key, e => e.Value);

    IReadOnlyList<JsonNode> IWorkload.Split(ParameterValues values, int tasks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tasks, 1);
        var pieces = Split(Bind(values), tasks);
        if (pieces.Count != tasks)
        {
            throw new InvalidOperationException($"{Name} split into {pieces.Count} pieces, not the {tasks} asked for.");
        }

        return [.. pieces.Select(p => JsonSerializer.SerializeToNode(p, WorkloadJson.Info<TPiece>())!)];
    }

    async ValueTask<JsonNode> IWorkload.RunPieceAsync(JsonNode piece, WorkloadContext context, CancellationToken cancellationToken)
    {
        var output = await RunAsync(Typed(piece), context, cancellationToken);
        return JsonSerializer.SerializeToNode(output, WorkloadJson.Info<TOutput>())!;
    }

    byte[] IWorkload.EncodePiece(JsonNode piece) => BinaryRecord.Encode(Typed(piece));

    async ValueTask<byte[]> IWorkload.RunEncodedPieceAsync(ReadOnlyMemory<byte> piece, WorkloadContext context, CancellationToken cancellationToken)
    {
        var typed = BinaryRecord.Decode<TPiece>(piece.Span, Name, "piece");
        return BinaryRecord.Encode(await RunAsync(typed, context, cancellationToken));
    }

    JsonNode IWorkload.DecodeOutput(ReadOnlySpan<byte> output) =>
        JsonSerializer.SerializeToNode(BinaryRecord.Decode<TOutput>(output, Name, "output"), WorkloadJson.Info<TOutput>())!;

    JsonNode IWorkload.Combine(ParameterValues values, IReadOnlyList<JsonNode> outputs)
    {
        var typed = outputs.Select(o => o.Deserialize(WorkloadJson.Info<TOutput>())!).ToList();
        var result = Combine(Bind(values), typed);
        return JsonSerializer.SerializeToNode(result, WorkloadJson.Info(result.GetType()))!;
    }

    private TPiece Typed(JsonNode piece) =>
        (piece ?? throw new ArgumentNullException(nameof(piece))).Deserialize(WorkloadJson.Info<TPiece>())
            ?? throw new ArgumentException($"{Name}: the piece is empty.", nameof(piece));
}
