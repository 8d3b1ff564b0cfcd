namespace ConcurrencyService.Load.Statistics;

/// <summary>How often iterations failed for one reason, with the first message seen for it.</summary>
public sealed record FailureCount(string Reason, long Count, string? Example);
