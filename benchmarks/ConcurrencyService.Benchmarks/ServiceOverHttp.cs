using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ConcurrencyService.Benchmarks;

/// <summary>
/// The API itself — this build's, or another build's for comparison — started as a child process on a loopback port
/// (as its image runs it), jobs sent to it over HTTP, and the CPU its whole process tree has used.
/// </summary>
public sealed partial class ServiceOverHttp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private ServiceOverHttp(Process process, Uri address)
    {
        _process = process;
        BaseAddress = address;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>The API next to this benchmark (it references the API project, so its build output is here).</summary>
    public static string DefaultDll => Path.Combine(AppContext.BaseDirectory, "ConcurrencyService.Api.dll");

    public Uri BaseAddress { get; }

    public static Task<ServiceOverHttp> StartAsync(int workers) =>
        StartAsync(DefaultDll, $"--Executors:Processes:Workers={workers}", $"--Executors:Threads:Workers={workers}");

    /// <param name="apiDll">The API to start; its folder is its content root, as when it is run from there.</param>
    /// <param name="settings">Further command-line settings.</param>
    public static async Task<ServiceOverHttp> StartAsync(string apiDll, params string[] settings)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(apiDll))!;
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments =
        [
            Path.GetFullPath(apiDll), "--urls", "http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
            .. settings,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        Uri? address = null;
        while (address is null && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (Listening().Match(line) is { Success: true } match)
            {
                address = new Uri(match.Groups[1].Value);
            }
        }

        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
        var service = new ServiceOverHttp(process, address ?? throw new InvalidOperationException("The API exited before listening."));
        while ((await service._http.GetAsync(new Uri("/health/ready", UriKind.Relative), timeout.Token)).StatusCode != System.Net.HttpStatusCode.OK)
        {
            await Task.Delay(100, timeout.Token);
        }

        return service;
    }

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
    public TimeSpan TreeCpu() => TimeSpan.FromMilliseconds(ProcessCpu.TreeMs(_process.Id));

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _process.StandardInput.Close();
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    // The muxer running us when started as `dotnet Benchmarks.dll`; under `dotnet run` the process is the benchmark's own
    // app host, which must not be handed the API's dll.
    private static string DotnetHost() =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();
}
