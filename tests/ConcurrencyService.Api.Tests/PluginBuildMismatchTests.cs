using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests;

/// <summary>
/// The API and its worker host must run the same build of each plugin: a host (re)started after the plugin's files
/// changed sees another hash in its hello, and the processes executor stays unavailable naming the plugin.
/// </summary>
public sealed class PluginBuildMismatchTests : IDisposable
{
    private readonly string _copy = Directory.CreateTempSubdirectory("plugin-mismatch-").FullName;

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    [Fact]
    public async Task WorkerHostSeeingAnotherPluginBuild_ProcessesUnavailable_NamingThePlugin()
    {
        foreach (var file in Directory.EnumerateFiles(PluginPaths.Samples))
        {
            File.Copy(file, Path.Combine(_copy, Path.GetFileName(file)));
        }

        await using var factory = ApiFactory.With(ProcessesApiFactory.Settings(("Workloads:Plugins:0", _copy)));
        var jobs = new JobsClient(factory.CreateApiClient());
        await ProcessesApiFactory.WaitUntilReadyAsync(jobs.Http);
        Assert.Equal("succeeded", JobsClient.Status(await jobs.RunAsync(new { workload = "samples.compress", parameters = new { blocks = 1 }, executor = "processes" })));

        // Another build arrives on disk (a deploy half-done), then the host restarts and hashes what is there now.
        await File.AppendAllTextAsync(Path.Combine(_copy, "System.IO.Hashing.dll"), "another build");
        using (var host = Process.GetProcessById(await HostPidAsync(jobs.Http)))
        {
            host.Kill(entireProcessTree: true);
        }

        // Wait for the event: readiness reports the refused host (a hang guard, not a timing assertion).
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        string health;
        while (!(health = await ReadinessAsync(jobs.Http)).Contains("other plugin builds", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The host was not refused: {health}");
            await Task.Delay(100);
        }

        Assert.Contains("ConcurrencyService.Samples.Workloads.dll", health, StringComparison.Ordinal);
        var job = await jobs.RunAsync(new { workload = "samples.compress", parameters = new { blocks = 1 }, executor = "processes" });
        Assert.Equal("failed", JobsClient.Status(job));
        var error = job["error"]!["message"]!.GetValue<string>();
        Assert.Contains("other plugin builds", error, StringComparison.Ordinal);
        Assert.Contains("ConcurrencyService.Samples.Workloads.dll", error, StringComparison.Ordinal);
        // Threads still run it: the API's own build is loaded and unchanged in memory.
        Assert.Equal("succeeded", JobsClient.Status(await jobs.RunAsync(new { workload = "samples.compress", parameters = new { blocks = 1 }, executor = "threads" })));
    }

    private static async Task<string> ReadinessAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<int> HostPidAsync(HttpClient http)
    {
        var executors = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/executors", UriKind.Relative)))!.AsArray();
        return executors.Single(e => e!["name"]!.GetValue<string>() == "processes")!["pool"]!["hostProcessId"]!.GetValue<int>();
    }
}
