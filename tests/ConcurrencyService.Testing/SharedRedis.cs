namespace ConcurrencyService.Testing;

/// <summary>
/// The one redis-server of a test run (of this process), started on first use and stopped when the process ends (its
/// guard sees to that even if the process is killed). Tests share it and keep apart by key prefix: each test its own.
/// A test that stops and restarts it must not run beside other tests that use it (one xUnit collection for all of them).
/// </summary>
public static class SharedRedis
{
    private static readonly Lazy<Task<RedisServer>> Server = new(() => RedisServer.StartAsync());

    static SharedRedis() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        if (Server.IsValueCreated && Server.Value.IsCompletedSuccessfully)
        {
            Server.Value.Result.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
        }
    };

    public static Task<RedisServer> GetAsync() => Server.Value;

    /// <summary>A key prefix no other test uses.</summary>
    public static string NewPrefix() => $"t{Guid.NewGuid():N}:";
}
