using System.Text.Json;
using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.Workloads.Plugins;

/// <summary>
/// A plugin's SDK workload as a catalog entry. Pieces and outputs stay the plugin's own records in a process; they
/// cross to a worker in MessagePack (<see cref="PieceCodec"/>); the combined result becomes JSON for the HTTP edge.
/// </summary>
internal sealed class PluginWorkload<TParameters, TPiece, TOutput>(Workload<TParameters, TPiece, TOutput> inner) : IWorkload
    where TParameters : notnull
    where TPiece : notnull
    where TOutput : notnull
{
    private readonly ParameterModel<TParameters> _parameters = new();

    public string Name { get; } = inner.Name;

    public WorkloadKind Kind { get; } = inner.Kind;

    public string Description { get; } = inner.Description;

    public bool RequiresProcessIsolation { get; } = inner.RequiresProcessIsolation;

    public IReadOnlyList<ParameterSpec> Parameters => _parameters.Specs;

    public JsonObject Example => _parameters.ToJson(inner.Example);

    public IReadOnlyDictionary<string, string> Validate(ParameterValues values)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var error in inner.Validate(_parameters.Bind(values)))
        {
            errors[error.Parameter] = error.Message;
        }

        return errors;
    }

    public IReadOnlyList<object> Split(ParameterValues values, int tasks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tasks, 1);
        var pieces = inner.Split(_parameters.Bind(values), tasks)
            ?? throw new InvalidOperationException($"{Name}: Split returned null, not {tasks} pieces.");
        if (pieces.Count != tasks)
        {
            throw new InvalidOperationException($"{Name}: Split returned {pieces.Count} pieces, not the {tasks} asked for.");
        }

        return [.. pieces.Select((p, i) => (object?)p ?? throw new InvalidOperationException($"{Name}: Split returned null for piece {i}."))];
    }

    public async ValueTask<object> RunPieceAsync(object piece, WorkloadContext context, CancellationToken cancellationToken) =>
        await RunAsync((TPiece)piece, context, cancellationToken);

    public byte[] EncodePiece(object piece) => PieceCodec.Encode((TPiece)piece);

    public async ValueTask<byte[]> RunEncodedPieceAsync(ReadOnlyMemory<byte> piece, WorkloadContext context, CancellationToken cancellationToken)
    {
        var output = await RunAsync(PieceCodec.Decode<TPiece>(piece, Name, "piece"), context, cancellationToken);
        try
        {
            return PieceCodec.Encode(output);
        }
        // The output's own fault, reported as such: the task fails with the encoder's reason.
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException(
                $"{Name}: the output ({typeof(TOutput).Name}) cannot be encoded to leave the worker process: {ex.GetBaseException().Message}", ex);
        }
    }

    public object DecodeOutput(ReadOnlySpan<byte> output) => PieceCodec.Decode<TOutput>(output.ToArray(), Name, "output");

    public JsonNode Combine(ParameterValues values, IReadOnlyList<object> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var result = inner.Combine(_parameters.Bind(values), [.. outputs.Cast<TOutput>()])
            ?? throw new InvalidOperationException($"{Name}: Combine returned null.");
        return JsonSerializer.SerializeToNode(result, WorkloadJson.Info(result.GetType()))!;
    }

    private async ValueTask<TOutput> RunAsync(TPiece piece, WorkloadContext context, CancellationToken cancellationToken) =>
        await inner.RunAsync(piece, new HostPieceContext(context), cancellationToken)
            ?? throw new InvalidOperationException($"{Name}: RunAsync returned null.");
}
