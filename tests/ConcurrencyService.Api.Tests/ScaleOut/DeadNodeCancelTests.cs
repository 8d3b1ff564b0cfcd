using System.Net;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests.ScaleOut;

/// <summary>
/// A <c>DELETE</c> takes effect even when the node running the job died before its run could end it, and nobody will
/// take the job over (the only other node runs no workers): once that node's lease has run out, the cancel ends the job
/// itself — cancelled, the dead node's attempt ended <c>nodeLost</c> — rather than answering 202 and changing nothing.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class DeadNodeCancelTests(RedisFixture redis)
{
    [Fact]
    public async Task CancelJob_WhoseNodeDied_EndsItCancelled_OnceTheNodesLeaseHasRunOut()
    {
        var prefix = RedisNode.NewPrefix();
        await using var api = ApiFactory.With(RedisNode.Settings(redis.Server, prefix, "api", workers: false));
        var client = new JobsClient(api.CreateApiClient());
        await using var worker = await RedisNode.StartProcessAsync(
            "worker", RedisNode.Settings(redis.Server, prefix, "worker", workers: true, ("Node:Http", "false"), ("Executors:Processes:Enabled", "false")));
        var id = await client.SubmitAsync(new { workload = "io.sleep", parameters = new { ms = 120_000 } });
        await client.WaitUntilStartedAsync(id);

        await worker.KillAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (JsonNode.Parse(await client.Http.GetStringAsync(new Uri("/api/nodes", UriKind.Relative)))!["nodes"]!.AsArray().Any(n => n!["name"]!.GetValue<string>() == "worker"))
        {
            Assert.True(DateTime.UtcNow < deadline, "The killed node's lease never ran out.");
            await Task.Delay(200);
        }

        using var cancel = await client.Http.DeleteAsync(new Uri($"/api/jobs/{id}", UriKind.Relative));
        var body = await cancel.Content.ReadAsStringAsync();
        Assert.True(cancel.StatusCode == HttpStatusCode.OK, $"DELETE answered {(int)cancel.StatusCode}: {body}");
        var job = await client.GetAsync(id);
        Assert.Equal("cancelled", JobsClient.Status(job));
        var attempt = Assert.Single(job["attempts"]!.AsArray())!;
        Assert.Equal("worker", attempt["node"]!.GetValue<string>());
        Assert.Equal("nodeLost", attempt["ending"]!.GetValue<string>());
        Assert.Contains("worker", job["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
