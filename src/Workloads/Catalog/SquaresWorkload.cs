using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Parameters;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.Workloads.Catalog;

/// <summary>
/// <c>cpu.squares</c>: the first tutorial's loop, a = i·i and b = i·i + 1. The checksum Σ(a + b) wraps modulo 2^64,
/// which is associative, so any split gives the same checksum.
/// </summary>
public sealed class SquaresWorkload : BuiltInWorkload<SquaresWorkload.Args, SquaresWorkload.Piece, SquaresWorkload.Output>
{
    public const long MaxIterations = 4_000_000_000;

    public override string Name => "cpu.squares";

    public override WorkloadKind Kind => WorkloadKind.Cpu;

    public override string Description =>
        "The first tutorial's loop: a = i*i and b = i*i + 1 for i in 0..iterations-1, with a wrap-around checksum of a + b.";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        ParameterSpec.Integer("iterations", "Run the loop for i in 0..iterations-1.", 0, MaxIterations, 10_000),
    ];

    public override JsonObject Example => new() { ["iterations"] = 10_000_000L };

    protected override Args Bind(ParameterValues values) => new(values.GetInt64("iterations"));

    protected override IReadOnlyList<Piece> Split(Args args, int tasks) =>
        [.. RangeSplitter.Even(args.Iterations, tasks).Select(r => new Piece(r.From, r.To))];

    protected override ValueTask<Output> RunAsync(Piece piece, WorkloadContext context, CancellationToken cancellationToken)
    {
        // Blocks of 1,024 iterations with the checkpoint between them, so the loop that does the work makes no call:
        // with a call in it (even one rarely taken) the JIT kept the checksum in memory and the loop ran 2.5× slower.
        long checksum = 0;
        for (var from = piece.From; from < piece.To; from += 1024)
        {
            context.Checkpoint(cancellationToken);
            checksum = unchecked(checksum + Checksum(from, Math.Min(from + 1024, piece.To)));
        }

        return ValueTask.FromResult(new Output(piece.To - piece.From, checksum));
    }

    private static long Checksum(long from, long to)
    {
        long checksum = 0;
        for (var i = from; i < to; i++)
        {
            unchecked
            {
                var a = i * i;
                var b = (i * i) + 1;
                checksum += a + b;
            }
        }

        return checksum;
    }

    protected override object Combine(Args args, IReadOnlyList<Output> outputs)
    {
        long iterations = 0, checksum = 0;
        foreach (var output in outputs)
        {
            iterations += output.Iterations;
            checksum = unchecked(checksum + output.Checksum);
        }

        return new Output(iterations, checksum);
    }

    public sealed record Args(long Iterations);

    public sealed record Piece(long From, long To) : IBinaryRecord<Piece>
    {
        public void Write(PayloadWriter writer)
        {
            writer.Int64(From);
            writer.Int64(To);
        }

        public static Piece Read(ref PayloadReader reader) => new(reader.Int64(), reader.Int64());
    }

    /// <summary>How many iterations ran and Σ(a + b) modulo 2^64.</summary>
    public sealed record Output(long Iterations, long Checksum) : IBinaryRecord<Output>
    {
        public void Write(PayloadWriter writer)
        {
            writer.Int64(Iterations);
            writer.Int64(Checksum);
        }

        public static Output Read(ref PayloadReader reader) => new(reader.Int64(), reader.Int64());
    }

}
