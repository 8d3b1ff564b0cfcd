namespace ConcurrencyService.Experiments.Advice;

/// <summary>How the service was compiled: a Debug build's timings say little about a Release one.</summary>
public enum BuildConfiguration
{
    Release,
    Debug,
}
