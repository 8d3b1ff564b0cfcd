using System.Net.Http.Json;

namespace ConcurrencyService.Api.Tests.ScaleOut;

/// <summary>An experiment runs on the node that accepted it; any other node on the same Redis reads, lists and cancels it.</summary>
[Collection(RedisCollection.Name)]
public sealed class ExperimentsAcrossNodesTests(RedisFixture redis)
{
    private static readonly object Quick = new { workload = "cpu.squares", executors = new[] { "threads" }, workers = new[] { 1 }, repetitions = 1 };
    private static readonly object Blocker = new { workload = "io.sleep", parameters = new { ms = 120_000 }, executors = new[] { "sequential" }, workers = new[] { 1 }, repetitions = 1 };

    [Fact]
    public async Task ExperimentOnOneNode_IsReadListedAndCancelledOnAnother()
    {
        var prefix = RedisNode.NewPrefix();
        await using var owner = ApiFactory.With(RedisNode.Settings(redis.Server, prefix, "owner"));
        await using var other = ApiFactory.With(RedisNode.Settings(redis.Server, prefix, "other"));
        var onOwner = new ExperimentsClient(owner.CreateApiClient());
        var onOther = new ExperimentsClient(other.CreateApiClient());

        var quick = await onOwner.SubmitAsync(Quick);
        var finished = await onOther.WaitAsync(quick);
        Assert.Equal("succeeded", finished["status"]!.GetValue<string>());
        Assert.Equal(2, finished["progress"]!["runsDone"]!.GetValue<int>());

        var blocker = await onOwner.SubmitAsync(Blocker);
        var queued = await onOwner.SubmitAsync(Quick);
        var listed = (await onOther.Http.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>(new Uri("/api/experiments", UriKind.Relative)))!;
        Assert.Equal([queued, blocker, quick], listed.Select(e => e!["id"]!.GetValue<Guid>()));

        foreach (var id in new[] { queued, blocker })
        {
            using var cancel = await onOther.Http.DeleteAsync(new Uri($"/api/experiments/{id}", UriKind.Relative));
            Assert.True(cancel.IsSuccessStatusCode, $"DELETE answered {(int)cancel.StatusCode}");
            Assert.Equal("cancelled", (await onOther.WaitAsync(id))["status"]!.GetValue<string>());
            Assert.Equal("cancelled", (await onOwner.WaitAsync(id))["status"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task ExperimentsOfANodeKilledWithThem_EndFailedNodeLost_OnTheOtherNodes()
    {
        var prefix = RedisNode.NewPrefix();
        var owner = await RedisNode.StartProcessAsync("owner", RedisNode.Settings(redis.Server, prefix, "owner", extra: [("Executors:Processes:Enabled", "false")]));
        await using var other = ApiFactory.With(RedisNode.Settings(redis.Server, prefix, "other"));
        var onOther = new ExperimentsClient(other.CreateApiClient());
        Guid running, queued;
        await using (owner)
        {
            var onOwner = new ExperimentsClient(owner.CreateClient());
            running = await onOwner.SubmitAsync(Blocker);
            queued = await onOwner.SubmitAsync(Quick);
            await owner.KillAsync();
        }

        foreach (var id in new[] { running, queued })
        {
            var view = await onOther.WaitAsync(id);
            Assert.Equal("failed", view["status"]!.GetValue<string>());
            Assert.Equal("nodeLost", view["error"]!["code"]!.GetValue<string>());
        }
    }
}
