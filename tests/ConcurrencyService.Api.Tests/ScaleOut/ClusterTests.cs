using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace ConcurrencyService.Api.Tests.ScaleOut;

/// <summary>
/// Real node processes on one real Redis: an API-only node the test talks to, and two worker-only nodes that run the jobs.
/// One of the workers dies (SIGKILL) or stops (SIGTERM) with jobs running; every job still ends succeeded, run to its end once.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class ClusterTests(RedisFixture redis, ITestOutputHelper output)
{
    private const int Jobs = 12;
    private const int SleepMs = 6_000;

    [Fact]
    public async Task WorkerNodeKilledMidJob_ItsJobsAreRunAgainOnTheSurvivor_AndEveryJobSucceedsOnce() =>
        await StopAWorkerMidJobAsync(node => node.KillAsync(), firstEnding: "nodeLost");

    [Fact]
    public async Task WorkerNodeStoppedPolitely_ReleasesItsRunningJobs_AndAnotherNodeRunsThem() =>
        await StopAWorkerMidJobAsync(async node => Assert.True(await node.StopAsync(TimeSpan.FromMinutes(1)), $"{node.Name} did not stop within a minute of SIGTERM:\n{node.Output}"), firstEnding: "released");

    /// <summary>
    /// An API-only node and two worker-only nodes; the worker running most of the jobs is stopped by <paramref name="stop"/>.
    /// Every job ends succeeded on the other, run to its end once: the stopped node's attempts end <paramref name="firstEnding"/>,
    /// and the survivor's own jobs were not run again.
    /// </summary>
    private async Task StopAWorkerMidJobAsync(Func<ServiceProcess, Task> stop, string firstEnding)
    {
        var prefix = RedisNode.NewPrefix();
        await using var api = await RedisNode.StartProcessAsync("api", RedisNode.Settings(redis.Server, prefix, "api", workers: false));
        await using var first = await RedisNode.StartProcessAsync("first", WorkerOnly(prefix, "first"));
        await using var second = await RedisNode.StartProcessAsync("second", WorkerOnly(prefix, "second"));
        var client = new JobsClient(api.CreateClient());
        var ids = await SubmitAndWaitUntilRunningAsync(client);
        var (stopped, surviving) = await NodeRunningMostAsync(client, ids) == first.Name ? (first, second) : (second, first);

        var clock = Stopwatch.StartNew();
        await stop(stopped);
        var jobs = await FinishAllAsync(client, ids);
        output.WriteLine($"All {Jobs} jobs final {clock.Elapsed.TotalSeconds:F1} s after node {stopped.Name} was stopped ({firstEnding}).");

        foreach (var job in jobs)
        {
            Assert.True(JobsClient.Status(job) == "succeeded", job.ToJsonString());
            var attempts = job["attempts"]!.AsArray().Select(a => (Node: a!["node"]!.GetValue<string>(), Ending: a["ending"]!.GetValue<string>())).ToList();
            Assert.Equal(attempts[0].Node == stopped.Name ? [(stopped.Name, firstEnding), (surviving.Name, "finished")] : [(surviving.Name, "finished")], attempts);
        }

        Assert.Contains(jobs, j => j["attempts"]!.AsArray().Count == 2);
    }

    private Dictionary<string, string?> WorkerOnly(string prefix, string name) =>
        RedisNode.Settings(redis.Server, prefix, name, workers: true, ("Node:Http", "false"), ("Executors:Processes:Enabled", "false"), ("Queue:ShutdownGraceSeconds", "1"));

    private static async Task<List<Guid>> SubmitAndWaitUntilRunningAsync(JobsClient client)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < Jobs; i++)
        {
            ids.Add(await client.SubmitAsync(new { workload = "io.sleep", parameters = new { ms = SleepMs } }));
        }

        foreach (var id in ids)
        {
            await client.WaitUntilStartedAsync(id);
        }

        return ids;
    }

    /// <summary>The node running the most of the jobs (both run some: each takes them off the shared queue as it can).</summary>
    private static async Task<string> NodeRunningMostAsync(JobsClient client, IEnumerable<Guid> ids)
    {
        var nodes = new List<string>();
        foreach (var id in ids)
        {
            nodes.Add((await client.GetAsync(id))["attempts"]!.AsArray()[^1]!["node"]!.GetValue<string>());
        }

        return nodes.GroupBy(n => n).OrderByDescending(g => g.Count()).First().Key;
    }

    private static async Task<List<JsonObject>> FinishAllAsync(JobsClient client, IEnumerable<Guid> ids)
    {
        var jobs = new List<JsonObject>();
        foreach (var id in ids)
        {
            jobs.Add(await client.WaitAsync(id, TimeSpan.FromMinutes(3)));
        }

        return jobs;
    }
}
