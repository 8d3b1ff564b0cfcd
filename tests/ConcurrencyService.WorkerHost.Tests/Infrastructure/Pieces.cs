using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Catalog.Diagnostics;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.WorkerHost.Tests.Infrastructure;

/// <summary>Pieces as a host receives them (already split), and their binary form on the wire.</summary>
public static class Pieces
{
    /// <summary>Every workload a fault-enabled host offers.</summary>
    public static WorkloadCatalog Catalog { get; } = new([.. StandardWorkloads.All, .. DiagnosticWorkloads.All]);

    public static object Squares(long iterations) => new SquaresWorkload.Piece(0, iterations);

    public static object Hang(long ms) => new HangWorkload.Args(ms);

    public static object Crash(string mode) => new CrashWorkload.Args(mode);

    /// <summary>The piece as the API sends it; a workload no worker offers gets an empty piece (the worker refuses it by name first).</summary>
    public static byte[] Encode(string workload, object piece) => Catalog.TryGet(workload, out var w) ? w.EncodePiece(piece) : [];

    /// <summary>A task's typed output, as the API reads it.</summary>
    public static object Output(string workload, TaskCompletedMessage completed) =>
        Catalog.Get(workload).DecodeOutput(completed.Output ?? throw new InvalidOperationException($"Task {completed.TaskId} has no output: {completed.Status} {completed.Error}"));
}
