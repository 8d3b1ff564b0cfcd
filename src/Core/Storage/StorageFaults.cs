using Hangfire;
using StackExchange.Redis;

namespace ConcurrencyService.Core.Storage;

/// <summary>Which exceptions mean "the storage could not be reached" rather than a fault of the request or the code.</summary>
public static class StorageFaults
{
    /// <summary>
    /// Redis's own connection and timeout errors, and its answers while it starts (<c>LOADING</c>: still reading its AOF
    /// after a restart), also when Hangfire's client wraps them.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException => true,
        RedisServerException server when server.Message.StartsWith("LOADING", StringComparison.Ordinal) => true,
        BackgroundJobClientException { InnerException: { } inner } => IsUnavailable(inner),
        AggregateException { InnerException: { } inner } => IsUnavailable(inner),
        _ => false,
    };
}
