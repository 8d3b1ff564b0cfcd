using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Parameters;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.Workloads.Catalog.Diagnostics;

/// <summary>
/// <c>debug.crash</c>: kills the process it runs in, to show that a crashed worker process fails only its own
/// job. Only ever runs on the processes executor; offered only when fault workloads are enabled.
/// </summary>
public sealed class CrashWorkload : BuiltInWorkload<CrashWorkload.Args, CrashWorkload.Args, CrashWorkload.Output>
{
    public static readonly IReadOnlyList<string> Modes = ["exit", "failfast", "stackoverflow", "oom"];

    public override string Name => "debug.crash";

    public override WorkloadKind Kind => WorkloadKind.Diagnostic;

    public override bool RequiresProcessIsolation => true;

    public override string Description =>
        "Crashes the worker process running it: `exit` (exit code 3), `failfast` (Environment.FailFast), `stackoverflow` " +
        "(unbounded recursion) or `oom` (allocates until the worker's heap limit is hit). Processes executor only; diagnostics must be enabled.";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        ParameterSpec.Choice("mode", "How to crash.", Modes, "exit"),
    ];

    public override JsonObject Example => new() { ["mode"] = "exit" };

    protected override Args Bind(ParameterValues values) => new(values.GetString("mode"));

    protected override IReadOnlyList<Args> Split(Args args, int tasks) => [.. Enumerable.Repeat(args, tasks)];

    protected override ValueTask<Output> RunAsync(Args piece, WorkloadContext context, CancellationToken cancellationToken)
    {
        switch (piece.Mode)
        {
            case "exit":
                Environment.Exit(3);
                break;
            case "failfast":
                Environment.FailFast("debug.crash asked for FailFast.");
                break;
            case "stackoverflow":
                return ValueTask.FromResult(new Output(Recurse(0)));
            case "oom":
                var hoard = new List<byte[]>();
                while (true)
                {
                    var block = GC.AllocateUninitializedArray<byte>(64 * 1024 * 1024);
                    Array.Fill(block, (byte)1); // touch the pages so they are resident, not just reserved
                    hoard.Add(block);
                }
        }

        throw new ArgumentException($"Unknown crash mode '{piece.Mode}'.", nameof(piece));
    }

    protected override object Combine(Args args, IReadOnlyList<Output> outputs) => outputs[0];

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Recurse(long depth)
    {
        Span<byte> frame = stackalloc byte[512];
        frame[0] = (byte)depth;
        return Recurse(depth + 1) + frame[0];
    }

    public sealed record Args(string Mode) : IBinaryRecord<Args>
    {
        public void Write(PayloadWriter writer)
        {
            writer.String(Mode);
        }

        public static Args Read(ref PayloadReader reader) => new(reader.String() ?? throw new InvalidDataException("A piece without Mode."));
    }

    public sealed record Output(long Depth) : IBinaryRecord<Output>
    {
        public void Write(PayloadWriter writer)
        {
            writer.Int64(Depth);
        }

        public static Output Read(ref PayloadReader reader) => new(reader.Int64());
    }

}
