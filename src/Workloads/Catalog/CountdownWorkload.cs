using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Parameters;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.Workloads.Catalog;

/// <summary>
/// <c>cpu.countdown</c>: decrement a counter to zero (tutorial 4). Each piece counts its share of <c>from</c> down
/// and reports the decrements it made, so the pieces' steps add up to <c>from</c>.
/// </summary>
public sealed class CountdownWorkload : BuiltInWorkload<CountdownWorkload.Args, CountdownWorkload.Piece, CountdownWorkload.Output>
{
    public const long MaxFrom = 10_000_000_000;

    public override string Name => "cpu.countdown";

    public override WorkloadKind Kind => WorkloadKind.Cpu;

    public override string Description =>
        "Count down from `from` to zero (tutorial 4); the pieces share the count evenly.";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        ParameterSpec.Integer("from", "The number to count down to zero.", 0, MaxFrom, 10_000_000),
    ];

    public override JsonObject Example => new() { ["from"] = 100_000_000L };

    protected override Args Bind(ParameterValues values) => new(values.GetInt64("from"));

    protected override IReadOnlyList<Piece> Split(Args args, int tasks) =>
        [.. RangeSplitter.Even(args.From, tasks).Select(r => new Piece(r.To - r.From))];

    protected override ValueTask<Output> RunAsync(Piece piece, WorkloadContext context, CancellationToken cancellationToken)
    {
        // The checkpoint every 2^16 steps is a side effect in the loop and the step count is returned,
        // so the JIT cannot drop the loop or fold it into a constant.
        long counter = piece.From, steps = 0;
        while (counter > 0)
        {
            if ((counter & 0xFFFF) == 0)
            {
                context.Checkpoint(cancellationToken);
            }

            counter--;
            steps++;
        }

        return ValueTask.FromResult(new Output(steps));
    }

    protected override object Combine(Args args, IReadOnlyList<Output> outputs) =>
        new Output(outputs.Sum(o => o.Steps));

    public sealed record Args(long From);

    /// <summary>The share of the count this piece counts down from.</summary>
    public sealed record Piece(long From) : IBinaryRecord<Piece>
    {
        public void Write(PayloadWriter writer)
        {
            writer.Int64(From);
        }

        public static Piece Read(ref PayloadReader reader) => new(reader.Int64());
    }

    /// <summary>The decrements performed.</summary>
    public sealed record Output(long Steps) : IBinaryRecord<Output>
    {
        public void Write(PayloadWriter writer)
        {
            writer.Int64(Steps);
        }

        public static Output Read(ref PayloadReader reader) => new(reader.Int64());
    }

}
