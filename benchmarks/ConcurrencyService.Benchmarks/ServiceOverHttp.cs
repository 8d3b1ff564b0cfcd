using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConcurrencyService.Testing;

namespace ConcurrencyService.Benchmarks;

/// <summary>
/// The API itself — this build's, or another build's for comparison — started as a child process on a loopback port
/// (as its image runs it), jobs sent to it over HTTP, and the CPU its whole process tree has used.
/// </summary>
public sealed class ServiceOverHttp : IAsyncDisposable
{
    private readonly ServiceProcess _service;
    private readonly HttpClient _http;

    private ServiceOverHttp(ServiceProcess service)
    {
        _service = service;
        _http = service.CreateClient();
    }

    /// <summary>The API next to this benchmark (it references the API project, so its build output is here).</summary>
    public static string DefaultDll => ServiceProcess.BuildOutputDll;

    public Uri BaseAddress => _service.BaseAddress;

    public static Task<ServiceOverHttp> StartAsync(int workers) =>
        StartAsync(DefaultDll, $"--Executors:Processes:Workers={workers}", $"--Executors:Threads:Workers={workers}");

    /// <param name="apiDll">The API to start; its folder is its content root, as when it is run from there.</param>
    /// <param name="settings">Further command-line settings.</param>
    public static async Task<ServiceOverHttp> StartAsync(string apiDll, params string[] settings) =>
        new(await ServiceProcess.StartAsync(apiDll, settings));

    /// <summary>Submits a job and waits for it: the wall time seen by the client, and the service's own run time.</summary>
    public async Task<(double WallMs, double RunTimeMs, JsonNode Result)> RunJobAsync(string workload, JsonObject parameters, string executor, int tasks)
    {
        var started = Stopwatch.GetTimestamp();
        using var submitted = await _http.PostAsJsonAsync(
            new Uri("/api/jobs", UriKind.Relative), new JsonObject { ["workload"] = workload, ["parameters"] = parameters, ["executor"] = executor, ["tasks"] = tasks });
        submitted.EnsureSuccessStatusCode();
        var location = submitted.Headers.Location ?? throw new InvalidOperationException("No Location header.");
        while (true)
        {
            var job = (await _http.GetFromJsonAsync<JsonObject>(new Uri(location + (location.OriginalString.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "waitMs=10000", UriKind.RelativeOrAbsolute)))!;
            var status = job["status"]!.GetValue<string>();
            if (status is "succeeded")
            {
                return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, job["timings"]!["runTimeMs"]!.GetValue<double>(), job["result"]!);
            }

            if (status is "failed" or "cancelled")
            {
                throw new InvalidOperationException($"The {workload} job ended {status}: {job.ToJsonString()}");
            }
        }
    }

    /// <summary>User + system CPU of the API and every live process below it (worker host, workers).</summary>
    public TimeSpan TreeCpu() => TimeSpan.FromMilliseconds(ProcessCpu.TreeMs(_service.ProcessId));

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
    }
}
