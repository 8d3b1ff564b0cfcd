using System.Diagnostics;
using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Parameters;
using ConcurrencyService.Workloads.Protocol;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Workloads.Catalog;

/// <summary>
/// <c>mixed</c>: <c>rounds</c> rounds of <c>cpuMs</c> of compute then <c>waitMs</c> of waiting, the rounds shared
/// among the pieces. Sweeping cpuMs ÷ (cpuMs + waitMs) from 0 to 1 shows where threads under a GIL stop keeping up
/// with processes. The compute is real work on the piece's thread, measured on the thread's own CPU clock (so a piece
/// that waits for the emulated GIL or for a core still does its full share), with a checkpoint every few microseconds
/// (cancellation, the GIL's switch interval); the wait releases the GIL, as IO does.
/// </summary>
public sealed class MixedWorkload : BuiltInWorkload<MixedWorkload.Args, MixedWorkload.Piece, MixedWorkload.Output>
{
    public const long MaxCpuMs = 10_000;
    public const long MaxWaitMs = 60_000;
    public const long MaxRounds = 100_000;

    /// <summary>The most a job may ask for in all, compute and waits: as long as one <c>io.sleep</c> may wait.</summary>
    public const long MaxTotalMs = SleepWorkload.MaxMs;

    // Between two reads of the thread's CPU clock (a system call): a few microseconds of work, so the clock costs little
    // and a round overshoots its cpuMs by microseconds at most.
    private const int StepsPerCheck = 4096;

    // Written after each compute phase, so the JIT cannot drop the loop whose result nothing else reads.
    private static long s_sink;

    public override string Name => "mixed";

    public override WorkloadKind Kind => WorkloadKind.Mixed;

    public override string Description =>
        "`rounds` rounds of `cpuMs` of computing then `waitMs` of waiting, shared among the tasks: the CPU share " +
        "cpuMs ÷ (cpuMs + waitMs) moves a workload from IO-bound (0) to CPU-bound (1).";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        ParameterSpec.Integer("cpuMs", "CPU time each round computes, in milliseconds of the thread's own CPU clock.", 0, MaxCpuMs, 10),
        ParameterSpec.Integer("waitMs", "How long each round then waits (without the GIL, as IO), in milliseconds.", 0, MaxWaitMs, 10),
        ParameterSpec.Integer("rounds", "Rounds in the whole job, shared among the tasks.", 1, MaxRounds, 20),
    ];

    public override JsonObject Example => new() { ["cpuMs"] = 20L, ["waitMs"] = 20L, ["rounds"] = 40L };

    protected override Args Bind(ParameterValues values) => new(values.GetInt64("cpuMs"), values.GetInt64("waitMs"), values.GetInt64("rounds"));

    protected override IEnumerable<KeyValuePair<string, string>> Validate(Args args)
    {
        if (args.Rounds * (args.CpuMs + args.WaitMs) > MaxTotalMs)
        {
            yield return new("rounds", $"rounds × (cpuMs + waitMs) may be at most {MaxTotalMs} ms; it is {args.Rounds * (args.CpuMs + args.WaitMs)} ms.");
        }
    }

    protected override IReadOnlyList<Piece> Split(Args args, int tasks) =>
        [.. RangeSplitter.Even(args.Rounds, tasks).Select(r => new Piece(r.To - r.From, args.CpuMs, args.WaitMs))];

    protected override async ValueTask<Output> RunAsync(Piece piece, WorkloadContext context, CancellationToken cancellationToken)
    {
        if (piece.Rounds < 0 || piece.CpuMs is < 0 or > MaxCpuMs || piece.WaitMs is < 0 or > MaxWaitMs)
        {
            throw new ArgumentOutOfRangeException(nameof(piece), $"Not a mixed piece: {piece}.");
        }

        for (var round = 0L; round < piece.Rounds; round++)
        {
            Compute(TimeSpan.FromMilliseconds(piece.CpuMs), context, cancellationToken);
            if (piece.WaitMs > 0)
            {
                await context.WaitAsync(Task.Delay(TimeSpan.FromMilliseconds(piece.WaitMs), cancellationToken));
            }
        }

        return new Output(piece.Rounds, piece.Rounds * piece.CpuMs, piece.Rounds * piece.WaitMs);
    }

    protected override object Combine(Args args, IReadOnlyList<Output> outputs) =>
        new Output(outputs.Sum(o => o.Rounds), outputs.Sum(o => o.CpuMs), outputs.Sum(o => o.WaitMs));

    /// <summary>
    /// Mixes a 64-bit state (xorshift) until this thread has used <paramref name="cpu"/> of CPU time. Synchronous, so the
    /// whole phase runs on one thread and its clock; where the OS has no thread clock, the wall clock stands in.
    /// </summary>
    private static void Compute(TimeSpan cpu, WorkloadContext context, CancellationToken cancellationToken)
    {
        if (cpu <= TimeSpan.Zero)
        {
            return;
        }

        var threadClock = OsThread.CurrentCpuTime;
        var start = threadClock ?? TimeSpan.Zero;
        var wallStart = Stopwatch.GetTimestamp();
        var x = 0x9E3779B97F4A7C15UL;
        while (true)
        {
            for (var i = 0; i < StepsPerCheck; i++)
            {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
            }

            context.Checkpoint(cancellationToken);
            var used = threadClock is null ? Stopwatch.GetElapsedTime(wallStart) : OsThread.CurrentCpuTime!.Value - start;
            if (used >= cpu)
            {
                break;
            }
        }

        Volatile.Write(ref s_sink, (long)x);
    }

    public sealed record Args(long CpuMs, long WaitMs, long Rounds);

    /// <summary>This piece's share of the rounds, each of the job's cpuMs and waitMs.</summary>
    public sealed record Piece(long Rounds, long CpuMs, long WaitMs) : IBinaryRecord<Piece>
    {
        public void Write(PayloadWriter writer)
        {
            writer.Int64(Rounds);
            writer.Int64(CpuMs);
            writer.Int64(WaitMs);
        }

        public static Piece Read(ref PayloadReader reader) => new(reader.Int64(), reader.Int64(), reader.Int64());
    }

    /// <summary>The rounds done, the CPU time they computed and the time they waited, in milliseconds.</summary>
    public sealed record Output(long Rounds, long CpuMs, long WaitMs) : IBinaryRecord<Output>
    {
        public void Write(PayloadWriter writer)
        {
            writer.Int64(Rounds);
            writer.Int64(CpuMs);
            writer.Int64(WaitMs);
        }

        public static Output Read(ref PayloadReader reader) => new(reader.Int64(), reader.Int64(), reader.Int64());
    }
}
