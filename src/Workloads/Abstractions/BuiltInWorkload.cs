using System.Text.Json;
using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.Workloads;

/// <summary>
/// Typed base for the built-in catalog: subclasses work with their own argument, piece and output records, and encode
/// pieces and outputs with hand-written codecs (<see cref="IBinaryRecord{TSelf}"/>), which the trimmed lean worker
/// reads without reflection. Plugins use the SDK's <c>Workload&lt;,,&gt;</c> instead.
/// </summary>
public abstract class BuiltInWorkload<TArgs, TPiece, TOutput> : IWorkload
    where TArgs : notnull
    where TPiece : class, IBinaryRecord<TPiece>
    where TOutput : class, IBinaryRecord<TOutput>
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

    IReadOnlyList<object> IWorkload.Split(ParameterValues values, int tasks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tasks, 1);
        var pieces = Split(Bind(values), tasks);
        return pieces.Count == tasks
            ? pieces
            : throw new InvalidOperationException($"{Name} split into {pieces.Count} pieces, not the {tasks} asked for.");
    }

    async ValueTask<object> IWorkload.RunPieceAsync(object piece, WorkloadContext context, CancellationToken cancellationToken) =>
        await RunAsync(Typed(piece), context, cancellationToken);

    byte[] IWorkload.EncodePiece(object piece) => BinaryRecord.Encode(Typed(piece));

    async ValueTask<byte[]> IWorkload.RunEncodedPieceAsync(ReadOnlyMemory<byte> piece, WorkloadContext context, CancellationToken cancellationToken)
    {
        var typed = BinaryRecord.Decode<TPiece>(piece.Span, Name, "piece");
        return BinaryRecord.Encode(await RunAsync(typed, context, cancellationToken));
    }

    object IWorkload.DecodeOutput(ReadOnlySpan<byte> output) => BinaryRecord.Decode<TOutput>(output, Name, "output");

    JsonNode IWorkload.Combine(ParameterValues values, IReadOnlyList<object> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var result = Combine(Bind(values), [.. outputs.Select(Typed<TOutput>)]);
        return JsonSerializer.SerializeToNode(result, WorkloadJson.Info(result.GetType()))!;
    }

    private TPiece Typed(object piece) => Typed<TPiece>(piece);

    private T Typed<T>(object value)
        where T : class =>
        value as T ?? throw new ArgumentException($"{Name}: expected a {typeof(T).Name}, got {value?.GetType().Name ?? "null"}.", nameof(value));
}
