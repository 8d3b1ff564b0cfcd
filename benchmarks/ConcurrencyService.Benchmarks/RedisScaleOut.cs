using System.Diagnostics;
using System.Text;
using ConcurrencyService.Testing;

namespace ConcurrencyService.Benchmarks;

/// <summary>
/// The cost of scale-out: trivial jobs/s and CPU per job summed over every process (the nodes' process trees and
/// redis-server), for one node in memory, one node on Redis and two nodes on one Redis, in one run on this machine.
/// Submissions are spread round-robin over the nodes; a job may run on either.
/// </summary>
public static class RedisScaleOut
{
    private const int Clients = 16;
    private const int WarmUpJobs = 1_000;
    private const int Jobs = 4_000;
    private const string Trivial = """{"workload":"cpu.squares"}""";
    private static int _refused;

    /// <summary>Further settings for every node, from the environment (<c>SCALEOUT_SETTINGS="--Queue:ThreadsJobsAtOnce=20"</c>), to compare configurations.</summary>
    private static readonly string[] Extra = (Environment.GetEnvironmentVariable("SCALEOUT_SETTINGS") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static async Task RunAsync(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (name, redis, nodes) in new[] { ("InMemory, 1 node", false, 1), ("Redis, 1 node", true, 1), ("Redis, 2 nodes", true, 2) })
        {
            await using var server = redis ? await RedisServer.StartAsync() : null;
            var services = new List<ServiceOverHttp>();
            try
            {
                for (var i = 0; i < nodes; i++)
                {
                    services.Add(await ServiceOverHttp.StartAsync(ServiceOverHttp.DefaultDll, Settings(server, i)));
                }

                var clients = services.Select(s => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { BaseAddress = s.BaseAddress }).ToList();
                await SubmitAndDrainAsync(clients, WarmUpJobs);
                await Task.Delay(TimeSpan.FromSeconds(2));
                Interlocked.Exchange(ref _refused, 0);
                var nodesCpu = services.Sum(s => s.TreeCpu().TotalMilliseconds);
                var redisCpu = server is null ? 0 : ProcessCpu.TreeMs(server.ProcessId);
                var elapsed = await SubmitAndDrainAsync(clients, Jobs);
                var nodesPerJob = (services.Sum(s => s.TreeCpu().TotalMilliseconds) - nodesCpu) / Jobs;
                var redisPerJob = server is null ? 0 : (ProcessCpu.TreeMs(server.ProcessId) - redisCpu) / Jobs;
                var refused = Interlocked.Exchange(ref _refused, 0);
                var (waits, _) = await JobOverhead.QueueToStartAsync(clients[0]);
                Console.Error.WriteLine($"{name}: {Jobs / elapsed.TotalSeconds:0} jobs/s, {nodesPerJob + redisPerJob:0.00} ms CPU/job");
                rows.Add([
                    name,
                    $"{Jobs / elapsed.TotalSeconds:0}",
                    $"{(nodesPerJob + redisPerJob) * 1000:0} µs",
                    $"{nodesPerJob * 1000:0} µs",
                    server is null ? "—" : $"{redisPerJob * 1000:0} µs",
                    $"{Report.Percentile(waits, 50):0.00} ms",
                    $"{Report.Percentile(waits, 99):0.00} ms",
                    $"{refused}",
                ]);
                clients.ForEach(c => c.Dispose());
            }
            finally
            {
                foreach (var service in services)
                {
                    await service.DisposeAsync();
                }
            }
        }

        Report.Table(
            "Scale-out: one node in memory, one and two nodes on Redis",
            $"{Jobs:N0} `cpu.squares` jobs (after {WarmUpJobs:N0} to warm up) submitted by {Clients} keep-alive clients spread round-robin over the nodes, and " +
            "drained. CPU is user + system time from /proc of every node's process tree and of redis-server (AOF on, fsync every second), divided by the jobs. " +
            "Queue → start is `timings.queueWaitMs` of 300 jobs submitted one at a time to the first node (the job may start on either).",
            ["storage, nodes", "trivial jobs/s to completion", "CPU per job, all processes", "of it the nodes", "of it Redis", "queue → start p50", "p99", "submissions refused (503/429) and retried"],
            rows);
    }

    private static string[] Settings(RedisServer? redis, int node) => redis is null
        ? ["--Executors:Processes:Enabled=false", .. Extra]
        :
        [
            "--Executors:Processes:Enabled=false", "--Storage:Provider=Redis", $"--ConnectionStrings:Redis={redis.ConnectionString}",
            $"--Node:Name=bench-{node}", .. Extra,
        ];

    private static async Task<TimeSpan> SubmitAndDrainAsync(List<HttpClient> nodes, int count)
    {
        var before = await SucceededAsync(nodes);
        var clock = Stopwatch.StartNew();
        var left = count;
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            while (Interlocked.Decrement(ref left) >= 0)
            {
                var http = nodes[Interlocked.Increment(ref next) % nodes.Count];
                while (true)
                {
                    using var content = new StringContent(Trivial, Encoding.UTF8, "application/json");
                    using var response = await http.PostAsync(new Uri("/api/jobs", UriKind.Relative), content);
                    if (response.StatusCode is not (System.Net.HttpStatusCode.ServiceUnavailable or System.Net.HttpStatusCode.TooManyRequests))
                    {
                        response.EnsureSuccessStatusCode();
                        break;
                    }

                    // Refused, not lost: retry as a client honouring Retry-After would (sooner: this measures throughput).
                    Interlocked.Increment(ref _refused);
                    await Task.Delay(100);
                }
            }
        }));
        while (await SucceededAsync(nodes) < before + count)
        {
            await Task.Delay(20);
        }

        return clock.Elapsed;
    }

    /// <summary>Jobs that succeeded on any node: each node counts the ones it ran.</summary>
    private static async Task<long> SucceededAsync(IReadOnlyList<HttpClient> nodes) =>
        (await Task.WhenAll(nodes.Select(JobOverhead.SucceededAsync))).Sum();
}
