using ConcurrencyService.Core.Executors;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Parameters;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Experiments.Running;

/// <summary>
/// The untimed runs before timed ones, shared by the scaling experiments and the advisor's calibration: nothing timed may
/// pay for start-up (see <see cref="ScalingExperimentRunner"/> for why each step is there).
/// </summary>
internal static class WarmUp
{
    /// <summary>A fresh worker host's tiered JIT recompiles its hot paths in the background for its first seconds of work.</summary>
    public static readonly TimeSpan Host = TimeSpan.FromSeconds(2);

    // Tier-1 code is compiled in the background: let it land before the first timed run.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);

    /// <summary>A CPU workload as 32 small tasks one after another in this process, so its code is fully compiled.</summary>
    public static async Task InProcessAsync(Guid id, CellExecutors cells, IWorkload workload, ParameterValues values, CancellationToken cancellationToken)
    {
        if (workload.Kind != WorkloadKind.Cpu)
        {
            return;
        }

        using var cell = await cells.OpenAsync(ExperimentExecutor.Sequential, 1, cancellationToken);
        var pieces = workload.Split(values, 32).Select((piece, i) => new TaskPiece(id, i, workload, piece)).ToList();
        await PieceDispatch.RunAllAsync(cell.Executor, pieces, 1, cancellationToken);
        await Task.Delay(Settle, cancellationToken);
    }

    /// <summary>Runs <paramref name="run"/> (a run on the warm pool at its largest worker count) for <paramref name="atLeast"/>, once at least.</summary>
    public static async Task HostAsync(Func<Task> run, TimeSpan atLeast, CancellationToken cancellationToken)
    {
        var warming = MonotonicClock.Timestamp;
        do
        {
            await run();
        }
        while (MonotonicClock.Since(warming) < atLeast);

        await Task.Delay(Settle, cancellationToken);
    }
}
