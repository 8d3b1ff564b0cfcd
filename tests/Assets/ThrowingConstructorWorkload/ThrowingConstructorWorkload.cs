using ConcurrencyService.Workloads;

namespace ThrowingConstructorWorkload;

/// <summary>Throws from its constructor: start-up must refuse it with the exception's message.</summary>
public sealed class Throwing : Workload<Throwing.Parameters, Throwing.Parameters, Throwing.Parameters>
{
    public Throwing() => throw new InvalidOperationException("the licence file is missing");

    public override string Name => "bad.constructor";

    public override WorkloadKind Kind => WorkloadKind.Cpu;

    public override string Description => "Not the real one.";

    public override Parameters Example => new();

    public override IReadOnlyList<Parameters> Split(Parameters parameters, int count) => [.. Enumerable.Repeat(parameters, count)];

    public override ValueTask<Parameters> RunAsync(Parameters piece, PieceContext context, CancellationToken cancellationToken) => ValueTask.FromResult(piece);

    public override Parameters Combine(Parameters parameters, IReadOnlyList<Parameters> outputs) => parameters;

    public sealed record Parameters(int Below = 1);
}
