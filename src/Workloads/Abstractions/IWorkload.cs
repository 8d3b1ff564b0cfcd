using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.Workloads;

/// <summary>
/// One entry of the catalog, as the host sees it: a built-in (<see cref="BuiltInWorkload{TArgs, TPiece, TOutput}"/>) or a
/// plugin's SDK workload behind its adapter. A job's parameters are validated against <see cref="Parameters"/>, split
/// into <c>tasks</c> pieces, each piece runs on a worker, and the pieces' outputs are combined into the job's result.
/// Pieces and outputs are the workload's own typed values (held as <see cref="object"/> here): inside one process they
/// are passed as they are; to and from a worker process they cross in the workload's binary form
/// (<see cref="EncodePiece"/>, <see cref="DecodeOutput"/>). JSON is for the HTTP edge only: the parameters in, the
/// combined result out (<see cref="Combine"/>).
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

    /// <summary>Splits validated parameters into exactly <paramref name="tasks"/> typed pieces.</summary>
    /// <exception cref="InvalidOperationException">The workload made another number of pieces.</exception>
    IReadOnlyList<object> Split(ParameterValues values, int tasks);

    /// <summary>Runs one piece (as <see cref="Split"/> made it). CPU workloads run synchronously on the calling thread; IO workloads await without holding it.</summary>
    ValueTask<object> RunPieceAsync(object piece, WorkloadContext context, CancellationToken cancellationToken);

    /// <summary>The piece in the binary form a worker process reads: the same values.</summary>
    byte[] EncodePiece(object piece);

    /// <summary>
    /// Runs one piece given and answered in binary form, in a worker process. Throws <see cref="InvalidDataException"/>
    /// for bytes that are not this workload's piece.
    /// </summary>
    ValueTask<byte[]> RunEncodedPieceAsync(ReadOnlyMemory<byte> piece, WorkloadContext context, CancellationToken cancellationToken);

    /// <summary>The typed output a worker process returned in binary form (what <see cref="RunPieceAsync"/> returns for the piece).</summary>
    object DecodeOutput(ReadOnlySpan<byte> output);

    /// <summary>Combines the pieces' outputs, in piece order, into the job's result: the one place an output becomes JSON.</summary>
    JsonNode Combine(ParameterValues values, IReadOnlyList<object> outputs);
}
