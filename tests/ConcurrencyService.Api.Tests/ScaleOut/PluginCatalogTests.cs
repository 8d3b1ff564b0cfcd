namespace ConcurrencyService.Api.Tests.ScaleOut;

/// <summary>
/// Every node of a cluster serves the same catalog: a node whose plugins differ from a live node's refuses to start
/// naming the difference; one with the same plugins joins, and either node runs the plugin's jobs.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class PluginCatalogTests(RedisFixture redis)
{
    [Fact]
    public async Task NodeWithOtherPlugins_RefusesToStart_NamingTheDifference_WhileALikeNodeJoins()
    {
        var prefix = RedisNode.NewPrefix();
        var plugin = ("Workloads:Plugins:0", PluginPaths.Samples);
        await using var first = ApiFactory.With(RedisNode.Settings(redis.Server, prefix, "node-a", workers: true, plugin));
        var jobs = new JobsClient(first.CreateApiClient());

        await using (var bare = ApiFactory.With(RedisNode.Settings(redis.Server, prefix, "node-b")))
        {
            var failure = Assert.ThrowsAny<Exception>(() => bare.CreateClient()).ToString();

            Assert.Contains("node-a has ConcurrencyService.Samples.Workloads.dll=", failure, StringComparison.Ordinal);
            Assert.Contains("which this node lacks", failure, StringComparison.Ordinal);
        }

        await using var like = ApiFactory.With(RedisNode.Settings(redis.Server, prefix, "node-c", workers: true, plugin));
        var alike = new JobsClient(like.CreateApiClient());
        var job = await alike.RunAsync(new { workload = "samples.compress", parameters = new { blocks = 1 }, tasks = 1 });
        Assert.True(JobsClient.Status(job) == "succeeded", job.ToJsonString());
        Assert.Equal("succeeded", JobsClient.Status(await jobs.RunAsync(new { workload = "samples.compress", parameters = new { blocks = 1 } })));
    }
}
