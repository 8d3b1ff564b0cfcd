using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ConcurrencyService.Workloads;

namespace Company.Workloads;

/// <summary><c>acme.squares</c>: the sum of i*i for i below a limit.</summary>
public sealed class SumOfSquares : Workload<SumOfSquares.Parameters, SumOfSquares.Piece, SumOfSquares.Output>
{
    public override string Name => "acme.squares";

    public override WorkloadKind Kind => WorkloadKind.Cpu;

    public override string Description => "The sum of i*i for 0 <= i < below.";

    public override Parameters Example => new(Below: 1_000_000);

    public override IReadOnlyList<Piece> Split(Parameters parameters, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Piece(parameters.Below * i / count, parameters.Below * (i + 1) / count))];

    public override ValueTask<Output> RunAsync(Piece piece, PieceContext context, CancellationToken cancellationToken)
    {
        long sum = 0;
        for (var i = piece.From; i < piece.To; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                context.Checkpoint(cancellationToken); // cancellation, and the emulated GIL's switch
            }

            sum += i * i;
        }

        return ValueTask.FromResult(new Output(sum));
    }

    public override Output Combine(Parameters parameters, IReadOnlyList<Output> outputs) => new(outputs.Sum(o => o.Sum));

    public sealed record Parameters([Description("Sum the squares of 0 .. below-1.")][Range(0, 2_000_000)] long Below = 1000);

    public sealed record Piece(long From, long To);

    public sealed record Output(long Sum);
}
