using System.Net;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests.ScaleOut;

/// <summary>
/// Redis going away and coming back — the run's shared server, stopped and started again on its port and data (nothing else
/// uses it meanwhile: one collection): refused work is refused clearly, accepted work is kept.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisOutageTests(RedisFixture shared) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Up again for the next test however this one ended.</summary>
    public Task DisposeAsync() => shared.Server.StartAgainAsync();

    [Fact]
    public async Task RedisDown_SubmitAnswers503WithRetryAfter_ReadyIsUnhealthy_AndBothRecoverWhenItIsBack()
    {
        var redis = shared.Server;
        await using var api = ApiFactory.With(RedisNode.Settings(redis, RedisNode.NewPrefix(), "api", workers: false));
        var client = new JobsClient(api.CreateApiClient());
        await client.SubmitAsync(new { workload = "io.sleep" });

        await redis.StopAsync();
        using (var refused = await client.PostJsonAsync("""{"workload":"io.sleep"}"""))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            var problem = await JobsClient.ReadProblemAsync(refused);
            Assert.Contains("storage", problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        }

        using (var ready = await client.Http.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var report = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
            Assert.Equal("Unhealthy", report["checks"]!["storage"]!["status"]!.GetValue<string>());
        }

        await redis.StartAgainAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            using var retry = await client.PostJsonAsync("""{"workload":"io.sleep"}""");
            if (retry.StatusCode == HttpStatusCode.Accepted)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Still {(int)retry.StatusCode} a minute after Redis came back.");
            await Task.Delay(200);
        }

        using var readyAgain = await client.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, readyAgain.StatusCode);
    }

    [Fact]
    public async Task RedisRestart_WithAof_LosesNoAcceptedJob()
    {
        var redis = shared.Server;
        var prefix = RedisNode.NewPrefix();
        var accepted = new List<Guid>();
        await using (var api = ApiFactory.With(RedisNode.Settings(redis, prefix, "api", workers: false)))
        {
            var client = new JobsClient(api.CreateApiClient());
            for (var i = 0; i < 5; i++)
            {
                accepted.Add(await client.SubmitAsync(new { workload = "cpu.primes", parameters = new { below = 1000 } }));
            }
        }

        await redis.StopAsync();
        await redis.StartAgainAsync();

        // Only now a node with workers: the jobs it runs were kept by Redis across its restart.
        await using var worker = ApiFactory.With(RedisNode.Settings(redis, prefix, "worker"));
        var onWorker = new JobsClient(worker.CreateApiClient());
        foreach (var id in accepted)
        {
            var job = await onWorker.WaitAsync(id);
            Assert.Equal("succeeded", JobsClient.Status(job));
            Assert.Equal(76_127L, job["result"]!["sum"]!.GetValue<long>());
        }
    }
}
