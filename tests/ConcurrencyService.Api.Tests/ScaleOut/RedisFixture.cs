namespace ConcurrencyService.Api.Tests.ScaleOut;

/// <summary>
/// The run's one redis-server (<see cref="SharedRedis"/>) for the tests that need one; each test keeps to its own key
/// prefix, so tests never see each other's jobs. Its owner is the run, not this fixture: disposing leaves it running.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    internal RedisServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SharedRedis.GetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
