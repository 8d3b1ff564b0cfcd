using System.Net.Http.Headers;

namespace ConcurrencyService.Client;

/// <summary>One reading of <c>Retry-After</c> (seconds or a date) for the retry predicate and the exception.</summary>
internal static class RetryAfterHeader
{
    /// <summary>How long the header says to wait, never negative; null when there is none.</summary>
    public static TimeSpan? Wait(RetryConditionHeaderValue? header)
    {
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return wait is { } w ? (w < TimeSpan.Zero ? TimeSpan.Zero : w) : null;
    }
}
