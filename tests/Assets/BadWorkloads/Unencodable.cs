using System.ComponentModel.DataAnnotations;
using ConcurrencyService.Workloads;

namespace BadWorkloads;

/// <summary>Its output is a cycle: no encoder (MessagePack to leave a worker, JSON for the result) can write it.</summary>
public sealed class Unencodable : Workload<Unencodable.Parameters, Unencodable.Parameters, Unencodable.Cycle>
{
    public override string Name => "bad.output";

    public override WorkloadKind Kind => WorkloadKind.Cpu;

    public override string Description => "Returns an output that cannot be encoded (a test asset).";

    public override Parameters Example => new();

    public override IReadOnlyList<Parameters> Split(Parameters parameters, int count) => [.. Enumerable.Repeat(parameters, count)];

    public override ValueTask<Cycle> RunAsync(Parameters piece, PieceContext context, CancellationToken cancellationToken)
    {
        var cycle = new Cycle();
        cycle.Next = cycle;
        return ValueTask.FromResult(cycle);
    }

    public override Cycle Combine(Parameters parameters, IReadOnlyList<Cycle> outputs) => outputs[0];

    public sealed record Parameters([Range(0, 10)] long Size = 0);

    /// <summary>Points at itself.</summary>
    public sealed class Cycle
    {
        public Cycle? Next { get; set; }
    }
}
