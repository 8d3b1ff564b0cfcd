namespace ConcurrencyService.Load.Thresholds;

/// <summary>What a threshold measures. Latencies are end-to-end, in milliseconds; fail-rate in percent; rps in ok iterations per second.</summary>
public enum ThresholdMetric
{
    P50,
    P75,
    P90,
    P95,
    P99,
    P999,
    Mean,
    Max,
    FailRate,
    Rps,
}
