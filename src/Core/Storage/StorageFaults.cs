using Hangfire;
using StackExchange.Redis;

namespace ConcurrencyService.Core.Storage;

/// <summary>Which exceptions mean "the storage could not be reached" rather than a fault of the request or the code.</summary>
public static class StorageFaults
{
    /// <summary>Redis's own connection and timeout errors, also when Hangfire's client wraps them.</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException => true,
        BackgroundJobClientException { InnerException: { } inner } => IsUnavailable(inner),
        AggregateException { InnerException: { } inner } => IsUnavailable(inner),
        _ => false,
    };
}
