using System.Diagnostics;

namespace ConcurrencyService.Workloads.Timing;

/// <summary>
/// Wall-clock timestamps that never jump: one UTC anchor read at start-up plus the monotonic
/// <see cref="Stopwatch"/> time since. Differences between two timestamps from the same process are
/// therefore true elapsed times, immune to NTP steps and manual clock changes.
/// </summary>
public static class MonotonicClock
{
    private static readonly DateTimeOffset Anchor = DateTimeOffset.UtcNow;
    private static readonly long AnchorTicks = Stopwatch.GetTimestamp();

    public static DateTimeOffset UtcNow => Anchor + Stopwatch.GetElapsedTime(AnchorTicks);

    public static long Timestamp => Stopwatch.GetTimestamp();

    public static TimeSpan Since(long timestamp) => Stopwatch.GetElapsedTime(timestamp);

    public static DateTimeOffset ToUtc(long timestamp) => Anchor + Stopwatch.GetElapsedTime(AnchorTicks, timestamp);
}
