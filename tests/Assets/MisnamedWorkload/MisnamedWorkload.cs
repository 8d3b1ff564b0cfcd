using ConcurrencyService.Workloads;

namespace MisnamedWorkload;

/// <summary>A name that is not a dotted name: start-up must refuse it.</summary>
public sealed class Misnamed : Workload<Misnamed.Parameters, Misnamed.Parameters, Misnamed.Parameters>
{
    public override string Name => "Acme Resize!";

    public override WorkloadKind Kind => WorkloadKind.Cpu;

    public override string Description => "Not the real one.";

    public override Parameters Example => new();

    public override IReadOnlyList<Parameters> Split(Parameters parameters, int count) => [.. Enumerable.Repeat(parameters, count)];

    public override ValueTask<Parameters> RunAsync(Parameters piece, PieceContext context, CancellationToken cancellationToken) => ValueTask.FromResult(piece);

    public override Parameters Combine(Parameters parameters, IReadOnlyList<Parameters> outputs) => parameters;

    public sealed record Parameters(int Below = 1);
}
