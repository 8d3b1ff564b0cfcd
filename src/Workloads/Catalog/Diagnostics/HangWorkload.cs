using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Parameters;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.Workloads.Catalog.Diagnostics;

/// <summary>
/// <c>debug.hang</c>: blocks its thread for <c>ms</c> milliseconds and ignores cancellation, like code stuck in a
/// native call. A worker process running it can be killed; a thread cannot, so on the threads executor a timeout or
/// cancel ends the job at once and the thread is abandoned (replaced in the pool) until the hang ends.
/// </summary>
public sealed class HangWorkload : BuiltInWorkload<HangWorkload.Args, HangWorkload.Args, HangWorkload.Output>
{
    public const long MaxMs = 600_000;

    public override string Name => "debug.hang";

    public override WorkloadKind Kind => WorkloadKind.Diagnostic;

    public override string Description =>
        "Blocks the worker for `ms` milliseconds without observing cancellation. On processes a timeout or cancel kills the worker; on threads the job still ends at once, and the blocked thread is abandoned and replaced.";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        ParameterSpec.Integer("ms", "How long to block, in milliseconds.", 0, MaxMs, 60_000),
    ];

    public override JsonObject Example => new() { ["ms"] = 60_000L };

    protected override Args Bind(ParameterValues values) => new(values.GetInt64("ms"));

    protected override IReadOnlyList<Args> Split(Args args, int tasks) => [.. Enumerable.Repeat(args, tasks)];

    protected override ValueTask<Output> RunAsync(Args piece, WorkloadContext context, CancellationToken cancellationToken)
    {
        Thread.Sleep(TimeSpan.FromMilliseconds(piece.Ms));
        return ValueTask.FromResult(new Output(piece.Ms));
    }

    protected override object Combine(Args args, IReadOnlyList<Output> outputs) => outputs[0];

    public sealed record Args(long Ms) : IBinaryRecord<Args>
    {
        public void Write(PayloadWriter writer)
        {
            writer.Int64(Ms);
        }

        public static Args Read(ref PayloadReader reader) => new(reader.Int64());
    }

    public sealed record Output(long HungMs) : IBinaryRecord<Output>
    {
        public void Write(PayloadWriter writer)
        {
            writer.Int64(HungMs);
        }

        public static Output Read(ref PayloadReader reader) => new(reader.Int64());
    }

}
