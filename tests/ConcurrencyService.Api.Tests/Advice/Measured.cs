using ConcurrencyService.Experiments;
using ConcurrencyService.Experiments.Advice;
using ConcurrencyService.Experiments.Results;

namespace ConcurrencyService.Api.Tests.Advice;

/// <summary>Hand-built calibrations: five runs within ±1% of a given time, on a quiet two-core machine, Release build.</summary>
internal static class Measured
{
    public const double TaskMs = 75;

    public static readonly MeasuringConditions Quiet = new(Cores: 2, new MachineLoad(0.2, 1, 10), BuildConfiguration.Release, ClockResolutionMs: 1e-6);

    public static IReadOnlyList<double> Around(double ms) => [ms * 0.99, ms * 0.995, ms, ms * 1.005, ms * 1.01];

    public static CellTimings Cell(ExperimentExecutor executor, int workers, double ms, double? taskRunMs = null) =>
        new(executor, workers, Around(ms), taskRunMs);

    /// <summary>A batch of tasks of <see cref="TaskMs"/> each, <paramref name="cpuShare"/> of it on a CPU, its sequential run taking <paramref name="sequentialMs"/>.</summary>
    public static Calibration Calibration(double sequentialMs, double cpuShare, params CellTimings[] cells) => new(
        [.. Around(sequentialMs).Select(ms => new BatchRun(ms, ms * cpuShare))],
        cells,
        [.. Around(TaskMs).Select(ms => new TaskTiming(ms * cpuShare, ms))],
        [
            new DispatchSamples(ExperimentExecutor.Threads, [0.02, 0.03, 0.03, 0.04, 0.03]),
            new DispatchSamples(ExperimentExecutor.ThreadsGil, [0.03, 0.03, 0.04, 0.03, 0.03]),
            new DispatchSamples(ExperimentExecutor.Processes, [0.1, 0.1, 0.1, 0.1, 0.1]),
        ],
        new WorkerProcessCosts([55, 56, 54], [30, 31, 30]),
        Quiet);

    /// <summary>CPU-bound work that scales on plain threads and on processes but not under a GIL.</summary>
    public static Calibration CpuBound() => Calibration(
        sequentialMs: 300,
        cpuShare: 0.98,
        Cell(ExperimentExecutor.Threads, 1, 302),
        Cell(ExperimentExecutor.Threads, 2, 155),
        Cell(ExperimentExecutor.ThreadsGil, 1, 303),
        Cell(ExperimentExecutor.ThreadsGil, 2, 306),
        Cell(ExperimentExecutor.Processes, 1, 305),
        Cell(ExperimentExecutor.Processes, 2, 158));
}
