using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace ConcurrencyService.Api.Tests.ScaleOut;

/// <summary>
/// Redis crashing under two nodes (SIGKILL, then started again on its port and data) while jobs on both executors start,
/// run and finish: afterwards every node is alive, every accepted job is final with a truthful status, its attempts each
/// ended once, and the running counts are back to zero. Each test has a Redis of its own that fsyncs every write, so the
/// kill loses nothing Redis answered, and nodes that prune every second, so retention meets the outage.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class StorageFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromMilliseconds(500);

    [Fact]
    public Task RedisKilledFor10Seconds_WithinNodeTimeout_EveryJobEndsTruthfully_AndBothNodesLive() =>
        RunThroughOutageAsync(outage: TimeSpan.FromSeconds(10), nodeTimeout: TimeSpan.FromSeconds(15));

    /// <summary>Past <c>Node:Timeout</c> (configured short here; 30 s against the default 15 s is the same case): each node takes the other for dead meanwhile.</summary>
    [Fact]
    public Task RedisKilledPastNodeTimeout_EveryJobEndsTruthfully_AndBothNodesLive() =>
        RunThroughOutageAsync(outage: TimeSpan.FromSeconds(12), nodeTimeout: TimeSpan.FromSeconds(4));

    [Fact]
    public async Task RedisRestartUnderASubmissionStream_Answers202Or503WithRetryAfter_AndRunsEveryAcceptedJob()
    {
        await using var redis = await RedisServer.StartAsync(fsyncEveryWrite: true);
        var (nodes, clients) = await StartNodesAsync(redis, TimeSpan.FromSeconds(5));
        try
        {
            var accepted = new ConcurrentQueue<Guid>();
            var refused = 0;
            using var streaming = new CancellationTokenSource();
            var stream = Task.Run(async () =>
            {
                for (var i = 0; !streaming.IsCancellationRequested; i++)
                {
                    using var response = await clients[i % 2].PostJsonAsync($$"""{"workload":"io.sleep","parameters":{"ms":100},"executor":"{{(i % 3 == 0 ? "processes" : "threads")}}"}""");
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        accepted.Enqueue(JsonNode.Parse(body)!["id"]!.GetValue<Guid>());
                    }
                    else
                    {
                        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"Submission {i} answered {(int)response.StatusCode}: {body}");
                        Assert.NotNull(response.Headers.RetryAfter);
                        Interlocked.Increment(ref refused);
                    }

                    await Task.Delay(50);
                }
            });

            await WaitForAsync(() => Task.FromResult(accepted.Count >= 10), "ten accepted submissions");
            await redis.KillAsync();
            await WaitForAsync(() => Task.FromResult(Volatile.Read(ref refused) >= 5), "five refused submissions while Redis is down");
            await redis.StartAgainAsync();
            await WaitUntilReadyAsync(nodes);
            var acceptedBefore = accepted.Count;
            await WaitForAsync(() => Task.FromResult(accepted.Count >= acceptedBefore + 10), "ten accepted submissions after the restart");
            await streaming.CancelAsync();
            await stream;

            await AssertEveryJobEndedOnceAsync(clients[0], [.. accepted]);
            await AssertNodesLiveAndIdleAsync(nodes);
            output.WriteLine($"Submission stream: {accepted.Count} accepted (all succeeded), {refused} refused with 503 while Redis was down, 0 node restarts.");
        }
        finally
        {
            await DisposeAllAsync(nodes);
        }
    }

    private async Task RunThroughOutageAsync(TimeSpan outage, TimeSpan nodeTimeout)
    {
        await using var redis = await RedisServer.StartAsync(fsyncEveryWrite: true);
        var (nodes, clients) = await StartNodesAsync(redis, nodeTimeout);
        try
        {
            // More than the workers take at once, so some jobs are running when Redis dies (and end during the outage)
            // and others are still queued (and start after it).
            var jobs = new List<Guid>();
            for (var i = 0; i < 12; i++)
            {
                var executor = i % 2 == 0 ? "threads" : "processes";
                jobs.Add(await clients[i % 2].SubmitAsync(new { workload = "io.sleep", parameters = new { ms = 1500 }, tasks = 2, executor, timeoutMs = 120_000 }));
            }

            await WaitForAsync(async () => JobsClient.Status(await clients[0].GetAsync(jobs[0])) != "queued", "the first job to start");
            await redis.KillAsync();
            await Task.Delay(outage);
            Assert.All(nodes, AssertAlive);
            await redis.StartAgainAsync();
            await WaitUntilReadyAsync(nodes);

            // Jobs submitted after the outage start and finish too.
            for (var i = 0; i < 2; i++)
            {
                jobs.Add(await SubmitOnceReadyAsync(clients[i], new { workload = "io.sleep", parameters = new { ms = 200 }, executor = i == 0 ? "threads" : "processes" }));
            }

            var attempts = await AssertEveryJobEndedOnceAsync(clients[1], jobs);
            await AssertNodesLiveAndIdleAsync(nodes);
            // A polite stop after the outage is a clean exit (0); only a fault makes it non-zero.
            foreach (var node in nodes)
            {
                Assert.True(await node.StopAsync(), $"Node {node.Name} did not stop on SIGTERM.");
                Assert.True(node.ExitCode == 0, $"Node {node.Name} exited with code {node.ExitCode} on SIGTERM:\n{node.Output}");
            }

            output.WriteLine($"Redis killed for {outage.TotalSeconds:0} s (Node:Timeout {nodeTimeout.TotalSeconds:0} s): {jobs.Count} accepted, {jobs.Count} succeeded, 0 stuck, {attempts - jobs.Count} extra attempts (taken over or released), 0 node restarts.");
        }
        finally
        {
            await DisposeAllAsync(nodes);
        }
    }

    private static async Task<(List<ServiceProcess> Nodes, JobsClient[] Clients)> StartNodesAsync(RedisServer redis, TimeSpan nodeTimeout)
    {
        var prefix = RedisNode.NewPrefix();
        var nodes = new List<ServiceProcess>();
        try
        {
            foreach (var name in new[] { "node-a", "node-b" })
            {
                nodes.Add(await RedisNode.StartProcessAsync(name, RedisNode.Settings(
                    redis,
                    prefix,
                    name,
                    extra:
                    [
                        ("Node:HeartbeatInterval", Heartbeat.ToString()),
                        ("Node:Timeout", nodeTimeout.ToString()),
                        ("Jobs:RetentionInterval", "00:00:01"),
                        ("Executors:Threads:Workers", "2"),
                        ("Executors:Processes:Workers", "2"),
                        ("Queue:CancellationCheckInterval", "00:00:00.500"),
                    ])));
            }
        }
        catch
        {
            await DisposeAllAsync(nodes);
            throw;
        }

        return (nodes, [.. nodes.Select(n => new JobsClient(n.CreateClient()))]);
    }

    /// <summary>Every job final and succeeded (an io.sleep has no other truthful end), each attempt ended, only the last one by finishing. Returns the attempts counted.</summary>
    private static async Task<int> AssertEveryJobEndedOnceAsync(JobsClient client, IReadOnlyList<Guid> jobs)
    {
        var attempts = 0;
        foreach (var id in jobs)
        {
            // Just after the outage a read may still find Redis slow and answer 503 with Retry-After: retried, as a client would.
            var job = await client.WaitAsync(id, TimeSpan.FromMinutes(2), retryUnavailable: true);
            Assert.True(JobsClient.Status(job) == "succeeded", $"Job {id} ended {JobsClient.Status(job)}: {job.ToJsonString()}");
            Assert.All(job["taskRuns"]!.AsArray(), task => Assert.Equal("succeeded", task!["status"]!.GetValue<string>()));
            var tries = job["attempts"]!.AsArray();
            Assert.All(tries, a => Assert.NotNull(a!["endedAt"]));
            Assert.Equal("finished", tries[^1]!["ending"]!.GetValue<string>());
            Assert.All(tries.Take(tries.Count - 1), a => Assert.Contains(a!["ending"]!.GetValue<string>(), new[] { "nodeLost", "released" }));
            attempts += tries.Count;
        }

        return attempts;
    }

    /// <summary>Both nodes still running, ready again, and running nothing: <c>runningJobs</c> and the running gauge back to zero.</summary>
    private static async Task AssertNodesLiveAndIdleAsync(IReadOnlyList<ServiceProcess> nodes)
    {
        foreach (var node in nodes)
        {
            AssertAlive(node);
            using var http = node.CreateClient();
            await WaitForAsync(
                async () =>
                {
                    var executors = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/executors", UriKind.Relative)))!.AsArray();
                    var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
                    return executors.All(e => e!["runningJobs"]!.GetValue<int>() == 0)
                        && MetricsTests.Sample(metrics, "concurrency_service_jobs_running", "executor=\"threads\"") == 0
                        && MetricsTests.Sample(metrics, "concurrency_service_jobs_running", "executor=\"processes\"") == 0;
                },
                $"{node.Name}'s running counts to return to zero");
        }
    }

    /// <summary>Both nodes answer <c>/health/ready</c> again: they have reconnected to Redis.</summary>
    private static async Task WaitUntilReadyAsync(IReadOnlyList<ServiceProcess> nodes)
    {
        foreach (var node in nodes)
        {
            AssertAlive(node);
            using var http = node.CreateClient();
            await WaitForAsync(
                async () =>
                {
                    using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                    return ready.IsSuccessStatusCode;
                },
                $"{node.Name} to be ready");
        }
    }

    private static void AssertAlive(ServiceProcess node)
    {
        if (node.HasExited)
        {
            Assert.Fail($"Node {node.Name} exited with code {node.ExitCode}:\n{node.Output}");
        }
    }

    /// <summary>Submits once the node accepts again (503 while it has not reconnected).</summary>
    private static async Task<Guid> SubmitOnceReadyAsync(JobsClient client, object request)
    {
        var id = Guid.Empty;
        await WaitForAsync(
            async () =>
            {
                using var response = await client.Http.PostAsync(new Uri("/api/jobs", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(request));
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                    return false;
                }

                id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<Guid>();
                return true;
            },
            "a submission to be accepted after the outage");
        return id;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; a hang guard of a minute, not a timing assertion.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited a minute for {what}.");
            await Task.Delay(100);
        }
    }

    private static async Task DisposeAllAsync(IEnumerable<ServiceProcess> nodes)
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }
}
