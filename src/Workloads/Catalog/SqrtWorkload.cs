using System.Globalization;
using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Parameters;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.Workloads.Catalog;

/// <summary>
/// <c>cpu.sqrt</c>: Math.Sqrt of 0..count-1 (tutorial 2: 4,000,000 per core). Each root is added as a 2^32-scaled
/// fixed-point integer to an <see cref="Int128"/>, so the sum is exact and does not depend on how the range is split.
/// </summary>
public sealed class SqrtWorkload : BuiltInWorkload<SqrtWorkload.Args, SqrtWorkload.Piece, SqrtWorkload.Output>
{
    public const long MaxCount = 1_000_000_000;

    /// <summary>2^32: the fixed-point scale of each root.</summary>
    public const double Scale = 4294967296.0;

    public override string Name => "cpu.sqrt";

    public override WorkloadKind Kind => WorkloadKind.Cpu;

    public override string Description =>
        "Square roots of 0..count-1 (tutorial 2), summed exactly in 32.32 fixed point so any split gives the same sum.";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        ParameterSpec.Integer("count", "Take the square roots of 0..count-1.", 0, MaxCount, 4_000_000),
    ];

    public override JsonObject Example => new() { ["count"] = 4_000_000L };

    /// <summary>Σ ⌊√i·2^32⌋ for i in [from, to): the exact fixed-point sum a piece accumulates.</summary>
    public static Int128 FixedPointSum(long from, long to, WorkloadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        Int128 acc = 0;
        for (var i = from; i < to; i++)
        {
            if ((i & 0x3FF) == 0)
            {
                context.Checkpoint(cancellationToken);
            }

            acc += (long)(Math.Sqrt(i) * Scale);
        }

        return acc;
    }

    protected override Args Bind(ParameterValues values) => new(values.GetInt64("count"));

    protected override IReadOnlyList<Piece> Split(Args args, int tasks) =>
        [.. RangeSplitter.Even(args.Count, tasks).Select(r => new Piece(r.From, r.To))];

    protected override ValueTask<Output> RunAsync(Piece piece, WorkloadContext context, CancellationToken cancellationToken)
    {
        var acc = FixedPointSum(piece.From, piece.To, context, cancellationToken);
        return ValueTask.FromResult(new Output(piece.To - piece.From, acc.ToString(CultureInfo.InvariantCulture)));
    }

    protected override object Combine(Args args, IReadOnlyList<Output> outputs)
    {
        Int128 acc = 0;
        foreach (var output in outputs)
        {
            acc += Int128.Parse(output.FixedPointSum, CultureInfo.InvariantCulture);
        }

        return new Result(outputs.Sum(o => o.Count), (double)acc / Scale);
    }

    public sealed record Args(long Count);

    public sealed record Piece(long From, long To) : IBinaryRecord<Piece>
    {
        public void Write(PayloadWriter writer)
        {
            writer.Int64(From);
            writer.Int64(To);
        }

        public static Piece Read(ref PayloadReader reader) => new(reader.Int64(), reader.Int64());
    }

    /// <summary>A piece's root count and its exact fixed-point sum, as a decimal string because JSON numbers cannot hold an Int128.</summary>
    public sealed record Output(long Count, string FixedPointSum) : IBinaryRecord<Output>
    {
        public void Write(PayloadWriter writer)
        {
            writer.Int64(Count);
            writer.String(FixedPointSum);
        }

        public static Output Read(ref PayloadReader reader) => new(reader.Int64(), reader.String() ?? throw new InvalidDataException("An output without FixedPointSum."));
    }

    /// <summary>The job's result: how many roots were taken and their sum.</summary>
    public sealed record Result(long Count, double Sum);
}
