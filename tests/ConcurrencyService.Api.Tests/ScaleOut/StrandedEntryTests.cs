using System.Globalization;
using StackExchange.Redis;

namespace ConcurrencyService.Api.Tests.ScaleOut;

/// <summary>
/// A node that died between taking an entry off Hangfire's queue and starting it leaves the entry fetched and still
/// enqueued; Hangfire.Redis alone would hand it out again only after its invisibility timeout (hours). The service puts it back.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class StrandedEntryTests(RedisFixture redis)
{
    [Fact]
    public async Task EntryFetchedByANodeThatDied_IsPutBack_AndTheJobRuns()
    {
        var prefix = RedisNode.NewPrefix();
        await using var api = ApiFactory.With(RedisNode.Settings(redis.Server, prefix, "api", workers: false));
        var jobs = new JobsClient(api.CreateApiClient());
        var id = await jobs.SubmitAsync(new { workload = "cpu.primes", parameters = new { below = 1000 } });
        var queueJobId = (await jobs.GetAsync(id))["links"]!["queue"]!.GetValue<string>().Split('/')[^1];

        // What a dying node leaves behind: the entry moved to the fetched list and marked fetched, a minute ago, never started.
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString))
        {
            var db = connection.GetDatabase();
            var hangfire = prefix + "hangfire:";
            Assert.Equal(queueJobId, (string?)await db.ListRightPopLeftPushAsync(hangfire + "queue:threads", hangfire + "queue:threads:dequeued"));
            await db.HashSetAsync(hangfire + $"job:{queueJobId}", "Fetched", DateTime.UtcNow.AddMinutes(-1).ToString("o", CultureInfo.InvariantCulture));
        }

        await using var worker = ApiFactory.With(RedisNode.Settings(redis.Server, prefix, "worker"));
        worker.StartServer();

        var job = await jobs.WaitAsync(id, TimeSpan.FromMinutes(1));
        Assert.Equal("succeeded", JobsClient.Status(job));
        Assert.Equal("worker", Assert.Single(job["attempts"]!.AsArray())!["node"]!.GetValue<string>());
    }
}
