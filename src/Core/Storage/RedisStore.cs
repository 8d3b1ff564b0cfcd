using StackExchange.Redis;

namespace ConcurrencyService.Core.Storage;

/// <summary>The one connection to Redis that Hangfire's storage, the job records and the node registry share, and the service's key prefix.</summary>
public sealed class RedisStore(IConnectionMultiplexer connection, string keyPrefix)
{
    public IConnectionMultiplexer Connection => connection;

    public IDatabase Database => connection.GetDatabase();

    public string KeyPrefix => keyPrefix;

    /// <summary>The prefix Hangfire's own keys get, under the service's.</summary>
    public string HangfirePrefix => keyPrefix + "hangfire:";

    public RedisKey Key(string name) => keyPrefix + name;

    public RedisChannel Channel(string name) => RedisChannel.Literal(keyPrefix + name);

    /// <summary>
    /// Connects without waiting for Redis: a node starts while Redis is down and answers 503 until it is back. Commands fail
    /// at once while disconnected (no backlog), so a submission is refused, never held and then lost. It reconnects within
    /// about two seconds of Redis coming back (the client's default backoff grows to ten), so an outage ends for the node
    /// nearly when it ends for Redis.
    /// </summary>
    public static RedisStore Connect(StorageOptions options, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = ConfigurationOptions.Parse(options.RedisConnectionString ?? throw new InvalidOperationException("ConnectionStrings:Redis is not set."));
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ReconnectRetryPolicy ??= new ExponentialRetry(deltaBackOffMilliseconds: 250, maxDeltaBackOffMilliseconds: 2000);
        configuration.ClientName ??= $"concurrencyservice-{Environment.ProcessId}";
        return new RedisStore(ConnectionMultiplexer.Connect(configuration, log), options.KeyPrefix);
    }
}
