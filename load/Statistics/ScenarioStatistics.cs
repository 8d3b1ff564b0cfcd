using System.Text.Json.Serialization;

namespace ConcurrencyService.Load.Statistics;

/// <summary>
/// One scenario's measured statistics in one step. Throughput counts ok iterations per second of measured time;
/// <see cref="RequestsPerSecond"/> counts every HTTP request the iterations made (submits and long-polls).
/// End-to-end latency is of ok iterations; submit latency of every submission that got a response.
/// </summary>
public sealed record ScenarioStatistics(
    long Ok,
    long Failed,
    long Dropped,
    double MeasuredSeconds,
    double OkPerSecond,
    double RequestsPerSecond,
    LatencySummary Submit,
    LatencySummary EndToEnd,
    IReadOnlyDictionary<int, long> StatusCodes,
    IReadOnlyList<FailureCount> Failures,
    IReadOnlyList<TimelinePoint> Timeline)
{
    /// <summary>Ok jobs' queue wait as the server measured it: submitted → first task started.</summary>
    public LatencySummary ServerQueueWait { get; init; } = LatencySummary.Empty;

    /// <summary>Ok jobs' run time as the server measured it: first task started → finished. The rest of end-to-end is HTTP and dispatch.</summary>
    public LatencySummary ServerRunTime { get; init; } = LatencySummary.Empty;

    /// <summary>Over several nodes (<c>--target</c> given more than once): each node's share, in the order first used; else null, so a one-node report reads as before.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<NodeStatistics>? Nodes { get; init; }

    /// <summary>Failed and dropped iterations as a percentage of all iterations that were due.</summary>
    public double FailRatePercent => Ok + Failed + Dropped == 0 ? 0 : Math.Round(100.0 * (Failed + Dropped) / (Ok + Failed + Dropped), 4);
}
