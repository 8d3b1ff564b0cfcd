using System.ComponentModel.DataAnnotations;
using ConcurrencyService.Workloads;

namespace BadWorkloads;

/// <summary>
/// Its output holds a stream, whose ReadTimeout throws when read: no encoder (MessagePack to leave a worker, JSON for
/// the result) can write it.
/// </summary>
public sealed class Unencodable : Workload<Unencodable.Parameters, Unencodable.Parameters, Unencodable.Attachment>
{
    public override string Name => "bad.output";

    public override WorkloadKind Kind => WorkloadKind.Cpu;

    public override string Description => "Returns an output that cannot be encoded (a test asset).";

    public override Parameters Example => new();

    public override IReadOnlyList<Parameters> Split(Parameters parameters, int count) => [.. Enumerable.Repeat(parameters, count)];

    public override ValueTask<Attachment> RunAsync(Parameters piece, PieceContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new Attachment(new MemoryStream([1, 2, 3])));

    public override Attachment Combine(Parameters parameters, IReadOnlyList<Attachment> outputs) => outputs[0];

    public sealed record Parameters([Range(0, 10)] long Size = 0);

    /// <summary>Not plain data.</summary>
    public sealed record Attachment(Stream Content);
}
