namespace ConcurrencyService.Load.Statistics;

/// <summary>
/// One second of a measured run: iterations started and dropped in it (by start time), finished ok or failed in it
/// (by end time), and the end-to-end latency of the ok ones that finished in it.
/// </summary>
public sealed record TimelinePoint(int Second, long Started, long Ok, long Failed, long Dropped, double P50, double P99);
