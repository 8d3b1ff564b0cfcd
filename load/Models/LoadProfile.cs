namespace ConcurrencyService.Load.Models;

/// <summary>
/// How one scenario is driven in a step.
/// </summary>
/// <param name="Warmup">Run before the measured part; what starts in it is excluded from the statistics.</param>
/// <param name="Grace">How long iterations still running at the end may take to finish; they are counted.</param>
/// <param name="IterationTimeout">An iteration running longer fails as timed out.</param>
public sealed record LoadProfile(LoadModel Model, TimeSpan Warmup, TimeSpan Grace, TimeSpan IterationTimeout)
{
    public string Describe() => $"{Model.Describe()}, warm-up {Durations.Format(Warmup)}";
}
