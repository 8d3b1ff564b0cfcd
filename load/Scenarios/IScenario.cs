using ConcurrencyService.Load.Statistics;

namespace ConcurrencyService.Load.Scenarios;

/// <summary>One kind of iteration. Iterations run concurrently; an implementation holds no per-iteration state.</summary>
public interface IScenario
{
    ScenarioSettings Settings { get; }

    /// <summary>
    /// Runs one iteration. <paramref name="startTimestamp"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp)
    /// is when it was due to start; latencies count from it.
    /// </summary>
    Task<IterationResult> RunAsync(long startTimestamp, CancellationToken cancellationToken);
}
