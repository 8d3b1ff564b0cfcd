using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Benchmarks;

/// <summary>
/// What the service's own machinery costs per job: server CPU per trivial job from submit to finished (summed over
/// the API's process tree), trivial jobs/s sustained to completion, and, beside them, a bare endpoint driven by the
/// same client; then queue → first task start on an idle instance. With <c>--baseline DLL</c> the same run measures
/// another build of the API too (e.g. the MassTransit one), so both sets of figures come from one run.
/// </summary>
public static class JobOverhead
{
    private const int Clients = 16;
    private const int Jobs = 6_000;
    private const int BareRequests = 40_000;
    private const int LatencyJobs = 300;
    private const string Trivial = """{"workload":"cpu.squares"}""";

    public static async Task RunAsync(Report report, string? baseline)
    {
        ArgumentNullException.ThrowIfNull(report);
        var builds = new List<(string Name, string Dll)> { ("this build", ServiceOverHttp.DefaultDll) };
        if (baseline is not null)
        {
            builds.Add(("baseline", Path.GetFullPath(baseline)));
        }

        var rows = new List<IReadOnlyList<string>>();
        foreach (var (name, dll) in builds)
        {
            await using var api = await ServiceOverHttp.StartAsync(dll);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { BaseAddress = api.BaseAddress };
            // Warm-up of both paths (JIT, pools, caches), then a pause, so neither measurement pays for the other's
            // tier-1 compilation or for background work the warm-up left behind.
            await SubmitAndDrainAsync(api, http, 2_000);
            await BareAsync(api, http);
            await Task.Delay(TimeSpan.FromSeconds(3));
            var bare = await BareAsync(api, http);
            var jobs = await SubmitAndDrainAsync(api, http, Jobs);
            Console.Error.WriteLine($"{name}: bare {bare.CpuPerRequest.TotalMicroseconds:0} µs/request, jobs {jobs.CpuPerJob.TotalMicroseconds:0} µs/job, {jobs.PerSecond:0} jobs/s");
            var (latency, unstarted) = await QueueToStartAsync(http);
            rows.Add([
                name,
                $"{bare.CpuPerRequest.TotalMicroseconds:0} µs",
                $"{bare.PerSecond:0}",
                $"{jobs.CpuPerJob.TotalMicroseconds:0} µs",
                $"{jobs.PerSecond:0}",
                $"{Report.Percentile(latency, 50):0.00} ms",
                $"{Report.Percentile(latency, 99):0.00} ms",
                $"{unstarted}",
            ]);
        }

        Report.Table(
            "Server CPU per trivial job",
            $"{Jobs:N0} `cpu.squares` jobs submitted by {Clients} keep-alive clients and drained; server CPU is user + system time of the API's whole " +
            $"process tree from /proc. The bare endpoint is `GET /health/live`, {BareRequests:N0} requests from the same client. Queue → start is " +
            $"`timings.queueWaitMs` of {LatencyJobs} jobs submitted one at a time on an idle instance.",
            ["build", "bare endpoint CPU/request", "bare req/s", "CPU per trivial job", "trivial jobs/s to completion", "queue → start p50", "p99", "finished with no start time"],
            rows);
    }

    private static async Task<(TimeSpan CpuPerRequest, double PerSecond)> BareAsync(ServiceOverHttp api, HttpClient http)
    {
        var cpu = api.TreeCpu();
        var clock = Stopwatch.StartNew();
        await FloodAsync(BareRequests, async () =>
        {
            using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
            response.EnsureSuccessStatusCode();
        });
        var elapsed = clock.Elapsed;
        return ((api.TreeCpu() - cpu) / BareRequests, BareRequests / elapsed.TotalSeconds);
    }

    private static async Task<(TimeSpan CpuPerJob, double PerSecond)> SubmitAndDrainAsync(ServiceOverHttp api, HttpClient http, int count)
    {
        var before = await SucceededAsync(http);
        var cpu = api.TreeCpu();
        var clock = Stopwatch.StartNew();
        await FloodAsync(count, async () =>
        {
            using var content = new StringContent(Trivial, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("/api/jobs", UriKind.Relative), content);
            response.EnsureSuccessStatusCode();
        });
        while (await SucceededAsync(http) < before + count)
        {
            await Task.Delay(10);
        }

        var elapsed = clock.Elapsed;
        return ((api.TreeCpu() - cpu) / count, count / elapsed.TotalSeconds);
    }

    /// <returns>The sorted waits, and how many jobs finished with no start time on record (a build that loses it).</returns>
    internal static async Task<(List<double> Waits, int Unstarted)> QueueToStartAsync(HttpClient http)
    {
        var waits = new List<double>(LatencyJobs);
        var unstarted = 0;
        for (var i = 0; i < LatencyJobs; i++)
        {
            using var content = new StringContent(Trivial, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("/api/jobs", UriKind.Relative), content);
            response.EnsureSuccessStatusCode();
            var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
            var job = JsonNode.Parse(await http.GetStringAsync(new Uri($"/api/jobs/{id}?waitMs=10000", UriKind.Relative)))!;
            if (job["timings"]?["queueWaitMs"]?.GetValue<double>() is { } wait)
            {
                waits.Add(wait);
            }
            else
            {
                unstarted++;
            }

            await Task.Delay(5); // idle between jobs
        }

        waits.Sort();
        return (waits, unstarted);
    }

    /// <summary>Jobs that succeeded on this node (each node counts the ones it ran).</summary>
    internal static async Task<long> SucceededAsync(HttpClient http)
    {
        var executors = await http.GetFromJsonAsync<JsonArray>(new Uri("/api/executors", UriKind.Relative));
        return executors!.Sum(e => e!["succeededJobs"]!.GetValue<long>());
    }

    private static async Task FloodAsync(int count, Func<Task> send)
    {
        var left = count;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            while (Interlocked.Decrement(ref left) >= 0)
            {
                await send();
            }
        }));
    }

    internal static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
