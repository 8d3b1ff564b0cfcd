namespace ConcurrencyService.Load.Statistics;

/// <summary>A latency distribution in milliseconds.</summary>
public sealed record LatencySummary(
    long Count,
    double Min,
    double Mean,
    double Max,
    double StdDev,
    double P50,
    double P75,
    double P90,
    double P95,
    double P99,
    double P999)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
