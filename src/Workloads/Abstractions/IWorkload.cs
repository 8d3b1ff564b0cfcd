using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.Workloads;

/// <summary>
/// One entry of the catalog. A job's parameters are validated against <see cref="Parameters"/>, split into
/// <c>tasks</c> pieces (JSON, so a piece can cross a process boundary), each piece runs on a worker, and the
/// pieces' outputs are combined into the job's result. Splitting must not change the result: the combined
/// output of N pieces equals the output of one.
/// </summary>
public interface IWorkload
{
    /// <summary>Dotted name, e.g. <c>cpu.primes</c>.</summary>
    string Name { get; }

    WorkloadKind Kind { get; }

    string Description { get; }

    /// <summary>True for workloads that must never run inside the API process (they crash the process they run in).</summary>
    bool RequiresProcessIsolation { get; }

    IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>A complete, valid parameter object for documentation and Swagger examples.</summary>
    JsonObject Example { get; }

    /// <summary>Cross-parameter checks beyond each parameter's own limits. Keys are parameter names.</summary>
    IReadOnlyDictionary<string, string> Validate(ParameterValues values);

    /// <summary>Splits validated parameters into exactly <paramref name="tasks"/> pieces.</summary>
    IReadOnlyList<JsonNode> Split(ParameterValues values, int tasks);

    /// <summary>Runs one piece. CPU workloads run synchronously on the calling thread; IO workloads await without holding it.</summary>
    ValueTask<JsonNode> RunPieceAsync(JsonNode piece, WorkloadContext context, CancellationToken cancellationToken);

    /// <summary>The piece in the binary form a worker process reads (<see cref="IBinaryRecord{TSelf}"/>): the same values.</summary>
    byte[] EncodePiece(JsonNode piece);

    /// <summary>
    /// Runs one piece given and answered in binary form, in a worker process: no JSON on the way. Throws
    /// <see cref="InvalidDataException"/> for bytes that are not this workload's piece.
    /// </summary>
    ValueTask<byte[]> RunEncodedPieceAsync(ReadOnlyMemory<byte> piece, WorkloadContext context, CancellationToken cancellationToken);

    /// <summary>The JSON shape of an output a worker process returned in binary form (what <see cref="RunPieceAsync"/> returns for the piece).</summary>
    JsonNode DecodeOutput(ReadOnlySpan<byte> output);

    /// <summary>Combines the pieces' outputs, in piece order, into the job's result.</summary>
    JsonNode Combine(ParameterValues values, IReadOnlyList<JsonNode> outputs);
}
