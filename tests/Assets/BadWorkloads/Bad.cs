using System.ComponentModel.DataAnnotations;
using ConcurrencyService.Workloads;

namespace BadWorkloads;

/// <summary>The shared shape of the misbehaving workloads: one parameter, pieces that carry it, outputs that echo it.</summary>
public abstract class Bad : Workload<Bad.Parameters, Bad.Piece, Bad.Output>
{
    public override WorkloadKind Kind => WorkloadKind.Cpu;

    public override string Description => "Misbehaves on purpose (a test asset).";

    public override Parameters Example => new();

    public override IReadOnlyList<Piece> Split(Parameters parameters, int count) => [.. Enumerable.Range(0, count).Select(i => new Piece(i, parameters.Ms))];

    public override ValueTask<Output> RunAsync(Piece piece, PieceContext context, CancellationToken cancellationToken) => ValueTask.FromResult(new Output(piece.Index));

    public override Output Combine(Parameters parameters, IReadOnlyList<Output> outputs) => new(outputs.Count);

    public sealed record Parameters([Range(0, 600_000)] long Ms = 0);

    public sealed record Piece(int Index, long Ms);

    public sealed record Output(int Count);
}

/// <summary>Split throws.</summary>
public sealed class SplitThrows : Bad
{
    public override string Name => "bad.split-throws";

    public override IReadOnlyList<Piece> Split(Parameters parameters, int count) => throw new InvalidOperationException("no pieces today");
}

/// <summary>Split makes one piece too many.</summary>
public sealed class SplitMiscounts : Bad
{
    public override string Name => "bad.split-count";

    public override IReadOnlyList<Piece> Split(Parameters parameters, int count) => [.. Enumerable.Range(0, count + 1).Select(i => new Piece(i, 0))];
}

/// <summary>Piece 1 throws; the others succeed.</summary>
public sealed class PieceThrows : Bad
{
    public override string Name => "bad.piece-throws";

    public override ValueTask<Output> RunAsync(Piece piece, PieceContext context, CancellationToken cancellationToken) =>
        piece.Index == 1 ? throw new ArgumentException($"piece {piece.Index} is cursed") : base.RunAsync(piece, context, cancellationToken);
}

/// <summary>A piece uses a helper whose static constructor throws.</summary>
public sealed class StaticThrows : Bad
{
    public override string Name => "bad.static-ctor";

    public override ValueTask<Output> RunAsync(Piece piece, PieceContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new Output(Unready.Value + piece.Index));

    private static class Unready
    {
        public static readonly int Value = Load();

        private static int Load() => throw new InvalidOperationException("the lookup table is missing");
    }
}

/// <summary>Spins for <c>ms</c> without ever checking its cancellation token.</summary>
public sealed class IgnoresCancellation : Bad
{
    public override string Name => "bad.ignores-cancel";

    public override ValueTask<Output> RunAsync(Piece piece, PieceContext context, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow.AddMilliseconds(piece.Ms);
        while (DateTime.UtcNow < until)
        {
            Thread.SpinWait(1000);
        }

        return ValueTask.FromResult(new Output(piece.Index));
    }
}

/// <summary>Piece 0 exits its process (<c>ms</c> = 0) or exhausts memory (<c>ms</c> = 1); must run in worker processes only.</summary>
public sealed class Crashes : Bad
{
    public override string Name => "bad.crash";

    public override bool RequiresProcessIsolation => true;

    public override ValueTask<Output> RunAsync(Piece piece, PieceContext context, CancellationToken cancellationToken)
    {
        if (piece.Index == 0 && piece.Ms == 0)
        {
            Environment.Exit(7);
        }

        if (piece.Index == 0)
        {
            var hoard = new List<byte[]>();
            while (true)
            {
                var block = GC.AllocateUninitializedArray<byte>(64 * 1024 * 1024);
                Array.Fill(block, (byte)1);
                hoard.Add(block);
            }
        }

        return base.RunAsync(piece, context, cancellationToken);
    }
}
