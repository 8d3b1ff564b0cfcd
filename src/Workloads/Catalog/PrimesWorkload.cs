using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Parameters;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.Workloads.Catalog;

/// <summary>
/// <c>cpu.primes</c>: the sum of the primes below N by the tutorials' trial division. Pieces cover ranges of
/// equal cost rather than equal length, since testing x costs about √x.
/// </summary>
public sealed class PrimesWorkload : BuiltInWorkload<PrimesWorkload.Args, PrimesWorkload.Piece, PrimesWorkload.Output>
{
    public const long MaxBelow = 100_000_000;

    public override string Name => "cpu.primes";

    public override WorkloadKind Kind => WorkloadKind.Cpu;

    public override string Description =>
        "Sum of the primes below `below` by trial division (tutorial 3). Below 1,000,000 the sum is 37,550,402,023.";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        ParameterSpec.Integer("below", "Sum the primes p < below.", 0, MaxBelow, 1_000_000),
    ];

    public override JsonObject Example => new() { ["below"] = 1_000_000L };

    /// <summary>Tutorial 3's is_prime: 2 and 3 are prime, other multiples of 2 or 3 are not, then test i and i+2 for i = 5, 11, 17, ….</summary>
    /// <remarks>
    /// In 32-bit integers: every number below <see cref="MaxBelow"/> fits, and so does i * i (i stays below 10,001).
    /// Measured on 2 cores (docs/performance.md, "The tutorials' primes in 32-bit integers"): the same trial division in 64-bit integers took 45-49 ms for the
    /// numbers below 1,000,000 against 38 ms, all of it in the divisions.
    /// </remarks>
    public static bool IsPrime(int x)
    {
        if (x < 2)
        {
            return false;
        }

        if (x < 4)
        {
            return true;
        }

        if (x % 2 == 0 || x % 3 == 0)
        {
            return false;
        }

        for (var i = 5; i * i <= x; i += 6)
        {
            if (x % i == 0 || x % (i + 2) == 0)
            {
                return false;
            }
        }

        return true;
    }

    protected override Args Bind(ParameterValues values) => new(values.GetInt64("below"));

    protected override IReadOnlyList<Piece> Split(Args args, int tasks) =>
        [.. RangeSplitter.EqualCost(args.Below, tasks, 1.5).Select(r => new Piece(r.From, r.To))];

    protected override ValueTask<Output> RunAsync(Piece piece, WorkloadContext context, CancellationToken cancellationToken)
    {
        if (piece.From < 0 || piece.To > MaxBelow)
        {
            throw new ArgumentOutOfRangeException(nameof(piece), $"A piece covers 0..{MaxBelow}; this one is {piece.From}..{piece.To}.");
        }

        long sum = 0, count = 0;
        for (var x = (int)piece.From; x < (int)piece.To; x++)
        {
            if ((x & 0x3FF) == 0)
            {
                context.Checkpoint(cancellationToken);
            }

            if (IsPrime(x))
            {
                sum += x;
                count++;
            }
        }

        return ValueTask.FromResult(new Output(sum, count));
    }

    protected override object Combine(Args args, IReadOnlyList<Output> outputs) =>
        new Output(outputs.Sum(o => o.Sum), outputs.Sum(o => o.Count));

    public sealed record Args(long Below);

    public sealed record Piece(long From, long To) : IBinaryRecord<Piece>
    {
        public void Write(PayloadWriter writer)
        {
            writer.Int64(From);
            writer.Int64(To);
        }

        public static Piece Read(ref PayloadReader reader) => new(reader.Int64(), reader.Int64());
    }

    /// <summary>The sum of the primes found and how many there were.</summary>
    public sealed record Output(long Sum, long Count) : IBinaryRecord<Output>
    {
        public void Write(PayloadWriter writer)
        {
            writer.Int64(Sum);
            writer.Int64(Count);
        }

        public static Output Read(ref PayloadReader reader) => new(reader.Int64(), reader.Int64());
    }

}
