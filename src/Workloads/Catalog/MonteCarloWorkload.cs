using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Parameters;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.Workloads.Catalog;

/// <summary>
/// <c>cpu.montecarlo</c>: a European call priced by simulating terminal prices S_T = S·exp((r − σ²/2)T + σ√T·Z).
/// Path i's Z comes from a counter-based generator, and payoffs are summed in fixed blocks of
/// <see cref="BlockSize"/> paths that are folded in block order, so the result depends on the seed but not the split.
/// </summary>
public sealed class MonteCarloWorkload : BuiltInWorkload<MonteCarloWorkload.Args, MonteCarloWorkload.Piece, MonteCarloWorkload.Output>
{
    public const long MaxPaths = 100_000_000;

    /// <summary>Paths per block; pieces own whole blocks.</summary>
    public const int BlockSize = 4096;

    private const double TwoPi = 2 * Math.PI;

    /// <summary>2^-53: one unit in the last place of a uniform with 53 random bits.</summary>
    private const double Ulp53 = 1.0 / (1L << 53);

    public override string Name => "cpu.montecarlo";

    public override WorkloadKind Kind => WorkloadKind.Cpu;

    public override string Description =>
        "Monte Carlo price of a European call under Black–Scholes, with its standard error and the closed-form price to compare.";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        ParameterSpec.Integer("paths", "Simulated price paths.", 1, MaxPaths, 1_000_000),
        ParameterSpec.Number("spot", "Price of the underlying today, S.", 0.01, 1e6, 100),
        ParameterSpec.Number("strike", "Strike price, K.", 0.01, 1e6, 100),
        ParameterSpec.Number("rate", "Continuously compounded risk-free rate per year, r.", -0.1, 1, 0.05),
        ParameterSpec.Number("volatility", "Volatility per √year, σ.", 0.001, 2, 0.2),
        ParameterSpec.Number("years", "Time to expiry in years, T.", 0.001, 30, 1),
        ParameterSpec.Integer("seed", "Seed of the random numbers; the same seed gives the same price.", 0, long.MaxValue, 42),
    ];

    public override JsonObject Example => new()
    {
        ["paths"] = 1_000_000L,
        ["spot"] = 100.0,
        ["strike"] = 100.0,
        ["rate"] = 0.05,
        ["volatility"] = 0.2,
        ["years"] = 1.0,
        ["seed"] = 42L,
    };

    /// <summary>Path <paramref name="path"/>'s standard normal: Box–Muller (cosine branch) on the uniforms for counters 2·path and 2·path + 1.</summary>
    public static double StandardNormal(long seed, long path)
    {
        var u1 = Uniform(seed, 2 * path);
        var u2 = Uniform(seed, (2 * path) + 1);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(TwoPi * u2);
    }

    /// <summary>
    /// A uniform in (0, 1] from the SplitMix64 output for <paramref name="counter"/>: the finaliser applied to
    /// seed + (counter + 1)·γ, which is the counter-th value SplitMix64 would produce from <paramref name="seed"/>.
    /// </summary>
    public static double Uniform(long seed, long counter)
    {
        unchecked
        {
            var z = (ulong)seed + (((ulong)counter + 1) * 0x9E3779B97F4A7C15UL);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return ((z >> 11) + 1) * Ulp53;
        }
    }

    public static long BlockCount(long paths) => (paths + BlockSize - 1) / BlockSize;

    protected override Args Bind(ParameterValues values) => new(
        values.GetInt64("paths"),
        values.GetDouble("spot"),
        values.GetDouble("strike"),
        values.GetDouble("rate"),
        values.GetDouble("volatility"),
        values.GetDouble("years"),
        values.GetInt64("seed"));

    protected override IReadOnlyList<Piece> Split(Args args, int tasks) =>
        [.. RangeSplitter.Even(BlockCount(args.Paths), tasks).Select(r => new Piece(args, r.From, r.To))];

    protected override ValueTask<Output> RunAsync(Piece piece, WorkloadContext context, CancellationToken cancellationToken)
    {
        var a = piece.Args;
        var drift = (a.Rate - (a.Volatility * a.Volatility / 2)) * a.Years;
        var diffusion = a.Volatility * Math.Sqrt(a.Years);
        var blocks = checked((int)(piece.EndBlock - piece.FirstBlock));
        var sums = new double[blocks];
        var squares = new double[blocks];
        for (var b = 0; b < blocks; b++)
        {
            var first = (piece.FirstBlock + b) * BlockSize;
            var end = Math.Min(first + BlockSize, a.Paths);
            double sum = 0, sumOfSquares = 0;
            for (var i = first; i < end; i++)
            {
                if ((i & 0x3FF) == 0)
                {
                    context.Checkpoint(cancellationToken);
                }

                var terminal = a.Spot * Math.Exp(drift + (diffusion * StandardNormal(a.Seed, i)));
                var payoff = Math.Max(terminal - a.Strike, 0);
                sum += payoff;
                sumOfSquares += payoff * payoff;
            }

            sums[b] = sum;
            squares[b] = sumOfSquares;
        }

        return ValueTask.FromResult(new Output(piece.FirstBlock, sums, squares));
    }

    protected override object Combine(Args args, IReadOnlyList<Output> outputs)
    {
        // Fold every block in block order from 0.0, exactly as for a single piece, so the split cannot change the sums.
        double sum = 0, sumOfSquares = 0;
        long nextBlock = 0;
        foreach (var output in outputs)
        {
            if (output.FirstBlock != nextBlock || output.BlockSums.Count != output.BlockSquareSums.Count)
            {
                throw new InvalidOperationException($"{Name}: piece outputs are not contiguous blocks in order (expected block {nextBlock}, got {output.FirstBlock}).");
            }

            for (var b = 0; b < output.BlockSums.Count; b++)
            {
                sum += output.BlockSums[b];
                sumOfSquares += output.BlockSquareSums[b];
            }

            nextBlock += output.BlockSums.Count;
        }

        if (nextBlock != BlockCount(args.Paths))
        {
            throw new InvalidOperationException($"{Name}: the pieces cover {nextBlock} blocks, not {BlockCount(args.Paths)}.");
        }

        var n = (double)args.Paths;
        var mean = sum / n;
        var variance = args.Paths > 1 ? Math.Max(0, (sumOfSquares - (sum * mean)) / (n - 1)) : 0;
        var discount = Math.Exp(-args.Rate * args.Years);
        return new Result(
            discount * mean,
            discount * Math.Sqrt(variance / n),
            args.Paths,
            BlackScholes.Call(args.Spot, args.Strike, args.Rate, args.Volatility, args.Years));
    }

    public sealed record Args(long Paths, double Spot, double Strike, double Rate, double Volatility, double Years, long Seed) : IBinaryRecord<Args>
    {
        public void Write(PayloadWriter writer)
        {
            writer.Int64(Paths);
            writer.Double(Spot);
            writer.Double(Strike);
            writer.Double(Rate);
            writer.Double(Volatility);
            writer.Double(Years);
            writer.Int64(Seed);
        }

        public static Args Read(ref PayloadReader reader) => new(reader.Int64(), reader.Double(), reader.Double(), reader.Double(), reader.Double(), reader.Double(), reader.Int64());
    }

    /// <summary>The blocks [FirstBlock, EndBlock) of the job's paths.</summary>
    public sealed record Piece(Args Args, long FirstBlock, long EndBlock) : IBinaryRecord<Piece>
    {
        public void Write(PayloadWriter writer)
        {
            Args.Write(writer);
            writer.Int64(FirstBlock);
            writer.Int64(EndBlock);
        }

        public static Piece Read(ref PayloadReader reader) => new(Args.Read(ref reader), reader.Int64(), reader.Int64());
    }

    /// <summary>Each owned block's payoff sum and payoff-squared sum, from <see cref="FirstBlock"/> on.</summary>
    public sealed record Output(long FirstBlock, IReadOnlyList<double> BlockSums, IReadOnlyList<double> BlockSquareSums) : IBinaryRecord<Output>
    {
        public void Write(PayloadWriter writer)
        {
            writer.Int64(FirstBlock);
            writer.Doubles(BlockSums);
            writer.Doubles(BlockSquareSums);
        }

        public static Output Read(ref PayloadReader reader) => new(reader.Int64(), reader.Doubles(), reader.Doubles());
    }

    /// <summary>The discounted mean payoff, its standard error (0 for a single path), the path count and the closed-form price.</summary>
    public sealed record Result(double Price, double StandardError, long Paths, double BlackScholes);
}
