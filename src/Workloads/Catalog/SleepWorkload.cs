using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Parameters;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.Workloads.Catalog;

/// <summary>
/// <c>io.sleep</c>: wait <c>ms</c> milliseconds without holding a thread, like the tutorials' slow_function on a pool.
/// Every piece is an independent wait of the full time, so N pieces are N concurrent waits.
/// </summary>
public sealed class SleepWorkload : BuiltInWorkload<SleepWorkload.Args, SleepWorkload.Piece, SleepWorkload.Output>
{
    public const long MaxMs = 600_000;

    public override string Name => "io.sleep";

    public override WorkloadKind Kind => WorkloadKind.Io;

    public override string Description =>
        "Wait `ms` milliseconds (the tutorials' slow_function); each task waits the full time, concurrently.";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        ParameterSpec.Integer("ms", "How long each task waits, in milliseconds.", 0, MaxMs, 500),
    ];

    public override JsonObject Example => new() { ["ms"] = 500L };

    protected override Args Bind(ParameterValues values) => new(values.GetInt64("ms"));

    protected override IReadOnlyList<Piece> Split(Args args, int tasks) =>
        [.. Enumerable.Repeat(new Piece(args.Ms), tasks)];

    protected override async ValueTask<Output> RunAsync(Piece piece, WorkloadContext context, CancellationToken cancellationToken)
    {
        await context.WaitAsync(Task.Delay(TimeSpan.FromMilliseconds(piece.Ms), cancellationToken));
        return new Output(piece.Ms);
    }

    protected override object Combine(Args args, IReadOnlyList<Output> outputs) => IdenticalPieces.Combine(outputs);

    public sealed record Args(long Ms);

    public sealed record Piece(long Ms) : IBinaryRecord<Piece>
    {
        public void Write(PayloadWriter writer)
        {
            writer.Int64(Ms);
        }

        public static Piece Read(ref PayloadReader reader) => new(reader.Int64());
    }

    public sealed record Output(long SleptMs) : IBinaryRecord<Output>
    {
        public void Write(PayloadWriter writer)
        {
            writer.Int64(SleptMs);
        }

        public static Output Read(ref PayloadReader reader) => new(reader.Int64());
    }

}
