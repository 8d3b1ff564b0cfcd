using System.Net;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests.ScaleOut;

/// <summary>
/// Two nodes (two apps in this process, on Kestrel) sharing one real Redis: every node answers for every job. Node "api"
/// runs no workers, so whatever it is asked about ran on node "worker".
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisScaleOutTests(RedisFixture redis)
{
    [Fact]
    public async Task JobSubmittedOnOneNode_IsRunByAnother_AndReadListedAndFilteredOnEither()
    {
        var prefix = RedisNode.NewPrefix();
        await using var api = ApiFactory.With(RedisNode.Settings(redis.Server, prefix, "api", workers: false));
        await using var worker = ApiFactory.With(RedisNode.Settings(redis.Server, prefix, "worker"));
        var onApi = new JobsClient(api.CreateApiClient());
        var onWorker = new JobsClient(worker.CreateApiClient());

        var sleeps = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            sleeps.Add(await onApi.SubmitAsync(new { workload = "io.sleep", parameters = new { ms = 20 } }));
        }

        var primes = await onApi.SubmitAsync(new { workload = "cpu.primes", parameters = new { below = 10_000 }, tasks = 2 });

        // Long-polled on the node that did not run it: the finish reaches it through Redis.
        var job = await onApi.WaitAsync(primes);
        Assert.Equal("succeeded", JobsClient.Status(job));
        Assert.Equal(5_736_396L, job["result"]!["sum"]!.GetValue<long>());
        var attempt = Assert.Single(job["attempts"]!.AsArray())!;
        Assert.Equal("worker", attempt["node"]!.GetValue<string>());
        Assert.Equal("finished", attempt["ending"]!.GetValue<string>());
        foreach (var id in sleeps)
        {
            Assert.Equal("succeeded", JobsClient.Status(await onWorker.WaitAsync(id)));
        }

        foreach (var client in new[] { onApi, onWorker })
        {
            var all = await ListAsync(client, "pageSize=10");
            Assert.Equal(4, all["total"]!.GetValue<int>());
            Assert.Equal([primes, .. Enumerable.Reverse(sleeps)], all["items"]!.AsArray().Select(j => j!["id"]!.GetValue<Guid>()));

            var filtered = await ListAsync(client, "workload=io.sleep&status=succeeded&executor=threads&pageSize=2&page=2");
            Assert.Equal(3, filtered["total"]!.GetValue<int>());
            Assert.Equal(sleeps[0], Assert.Single(filtered["items"]!.AsArray())!["id"]!.GetValue<Guid>());

            Assert.Equal(0, (await ListAsync(client, "status=failed"))["total"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task CancelOnOneNode_StopsTheJobRunningOnAnother()
    {
        var prefix = RedisNode.NewPrefix();
        await using var api = ApiFactory.With(RedisNode.Settings(redis.Server, prefix, "api", workers: false));
        await using var worker = ApiFactory.With(RedisNode.Settings(redis.Server, prefix, "worker", extra: [("Queue:CancellationCheckInterval", "00:00:00.200")]));
        worker.StartServer();
        var onApi = new JobsClient(api.CreateApiClient());

        var id = await onApi.SubmitAsync(new { workload = "io.sleep", parameters = new { ms = 120_000 } });
        Assert.Equal("running", JobsClient.Status(await onApi.WaitUntilStartedAsync(id)));
        using (var response = await onApi.Http.DeleteAsync(new Uri($"/api/jobs/{id}", UriKind.Relative)))
        {
            Assert.True(response.IsSuccessStatusCode, $"DELETE answered {(int)response.StatusCode}");
        }

        var job = await onApi.WaitAsync(id);
        Assert.Equal("cancelled", JobsClient.Status(job));
        Assert.Equal("worker", Assert.Single(job["attempts"]!.AsArray())!["node"]!.GetValue<string>());
    }

    [Fact]
    public async Task Admission_CountsTheQueueSharedByEveryNode()
    {
        var prefix = RedisNode.NewPrefix();
        (string, string) capacity = ("Queue:Capacity", "2");
        await using var first = ApiFactory.With(RedisNode.Settings(redis.Server, prefix, "first", workers: false, capacity));
        await using var second = ApiFactory.With(RedisNode.Settings(redis.Server, prefix, "second", workers: false, capacity));
        var onFirst = new JobsClient(first.CreateApiClient());
        var onSecond = new JobsClient(second.CreateApiClient());

        await onFirst.SubmitAsync(new { workload = "io.sleep" });
        await onFirst.SubmitAsync(new { workload = "io.sleep" });
        using var refused = await onSecond.PostJsonAsync("""{"workload":"io.sleep"}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var executors = JsonNode.Parse(await onSecond.Http.GetStringAsync(new Uri("/api/executors", UriKind.Relative)))!.AsArray();
        Assert.Equal(2, executors.Single(e => e!["name"]!.GetValue<string>() == "threads")!["queueDepth"]!.GetValue<int>());
    }

    [Fact]
    public async Task Nodes_ListsEveryLiveNodeWithItsRoles()
    {
        var prefix = RedisNode.NewPrefix();
        await using var api = ApiFactory.With(RedisNode.Settings(redis.Server, prefix, "api", workers: false));
        await using var worker = ApiFactory.With(RedisNode.Settings(redis.Server, prefix, "worker"));
        worker.StartServer();

        var nodes = JsonNode.Parse(await api.CreateApiClient().GetStringAsync(new Uri("/api/nodes", UriKind.Relative)))!;

        Assert.Equal("api", nodes["self"]!.GetValue<string>());
        var listed = nodes["nodes"]!.AsArray().ToDictionary(n => n!["name"]!.GetValue<string>(), n => n!["workers"]!.GetValue<bool>());
        Assert.Equal(new Dictionary<string, bool> { ["api"] = false, ["worker"] = true }, listed);
    }

    [Fact]
    public async Task IdempotencyKey_RepeatedOnAnotherNode_GetsTheSameJob_AndADifferentBodyIs422()
    {
        var prefix = RedisNode.NewPrefix();
        await using var first = ApiFactory.With(RedisNode.Settings(redis.Server, prefix, "first", workers: false));
        await using var second = ApiFactory.With(RedisNode.Settings(redis.Server, prefix, "second", workers: false));
        using var onFirst = first.CreateApiClient();
        using var onSecond = second.CreateApiClient();
        const string body = """{"workload":"io.sleep","parameters":{"ms":10}}""";

        using var original = await PostWithKeyAsync(onFirst, body);
        using var repeat = await PostWithKeyAsync(onSecond, body);
        using var other = await PostWithKeyAsync(onSecond, """{"workload":"io.sleep","parameters":{"ms":11}}""");

        Assert.Equal(HttpStatusCode.Accepted, original.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        Assert.Equal("true", Assert.Single(repeat.Headers.GetValues("Idempotent-Replayed")));
        var id = JsonNode.Parse(await original.Content.ReadAsStringAsync())!["id"]!.GetValue<Guid>();
        Assert.Equal(id, JsonNode.Parse(await repeat.Content.ReadAsStringAsync())!["id"]!.GetValue<Guid>());
        Assert.Equal(original.Headers.Location, repeat.Headers.Location);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal(1, (await ListAsync(new JobsClient(onSecond), "pageSize=10"))["total"]!.GetValue<int>());
    }

    private static async Task<HttpResponseMessage> PostWithKeyAsync(HttpClient http, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/jobs", UriKind.Relative))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "7d1b0a52-6d1e-4a8b-9e57-0c1d2e3f4a5b");
        return await http.SendAsync(request);
    }

    private static async Task<JsonObject> ListAsync(JobsClient client, string query) =>
        JsonNode.Parse(await client.Http.GetStringAsync(new Uri($"/api/jobs?{query}", UriKind.Relative)))!.AsObject();
}
