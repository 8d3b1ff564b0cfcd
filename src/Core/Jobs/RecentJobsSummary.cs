namespace ConcurrencyService.Core.Jobs;

/// <summary>An executor's last minute on this node: jobs finished, per second, and run-time percentiles in milliseconds.</summary>
public sealed record RecentJobsSummary(int Finished, double JobsPerSecond, double? RunTimeP50Ms, double? RunTimeP95Ms, double? RunTimeP99Ms);
