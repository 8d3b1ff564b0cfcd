namespace ConcurrencyService.Load.Statistics;

/// <summary>One node's share of a scenario run over several nodes: its iterations, its ok/s and its end-to-end latency.</summary>
public sealed record NodeStatistics(string Node, long Ok, long Failed, double OkPerSecond, LatencySummary EndToEnd);
