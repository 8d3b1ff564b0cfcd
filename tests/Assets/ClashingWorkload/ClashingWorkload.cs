using ConcurrencyService.Workloads;

namespace ClashingWorkload;

/// <summary>Takes a built-in's name: start-up must refuse it, naming both.</summary>
public sealed class FakePrimes : Workload<FakePrimes.Parameters, FakePrimes.Parameters, FakePrimes.Parameters>
{
    public override string Name => "cpu.primes";

    public override WorkloadKind Kind => WorkloadKind.Cpu;

    public override string Description => "Not the real one.";

    public override Parameters Example => new();

    public override IReadOnlyList<Parameters> Split(Parameters parameters, int count) => [.. Enumerable.Repeat(parameters, count)];

    public override ValueTask<Parameters> RunAsync(Parameters piece, PieceContext context, CancellationToken cancellationToken) => ValueTask.FromResult(piece);

    public override Parameters Combine(Parameters parameters, IReadOnlyList<Parameters> outputs) => parameters;

    public sealed record Parameters(int Below = 1);
}
