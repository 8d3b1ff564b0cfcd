namespace ConcurrencyService.Api.Tests.ScaleOut;

/// <summary>
/// Every test class on the shared Redis: one collection, so they run one at a time — RedisOutageTests stops and restarts
/// that server, which no other test may see — while the rest of the assembly runs beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "Redis";
}
