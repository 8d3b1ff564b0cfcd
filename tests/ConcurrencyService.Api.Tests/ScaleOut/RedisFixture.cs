namespace ConcurrencyService.Api.Tests.ScaleOut;

/// <summary>One private redis-server for a test class; each test keeps to its own key prefix, so tests never see each other's jobs.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    internal RedisServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
