using System.Text.Json.Nodes;
using ConcurrencyService.Load.Commands;

namespace ConcurrencyService.Load.Tests;

/// <summary>
/// <c>run --workload</c> with a plugin: the runner starts the API with the sample plugins loaded (<c>--plugin</c>) and
/// runs the plugin's workload as real jobs on threads and on worker processes.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class PluginWorkloadRunTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cs-load-plugin-").FullName;

    [Fact]
    public async Task Run_WithAPluginWorkload_RunsItOnBothExecutors_WithNoFailedJob()
    {
        using var console = new TestConsole();

        var code = await LoadApp.RunAsync(
            [
                "run", "--workload", "samples.compress", "--parameters", """{"blocks":2,"quality":4}""", "--plugin", PluginPaths.Samples,
                "--model", "iterations", "--iterations", "6", "--users", "2", "--warmup", "0s", "--thread-workers", "2", "--process-workers", "1",
                "--out", _folder,
            ],
            console.Console,
            CancellationToken.None);

        Assert.True(code == ExitCodes.Ok, $"Exit code {code}:\n{console.Output}");
        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "report.json")))!;
        var scenarios = report["steps"]![0]!["scenarios"]!.AsArray();
        Assert.Equal(["workload-threads", "workload-processes"], scenarios.Select(s => s!["settings"]!["name"]!.GetValue<string>()));
        Assert.All(scenarios, s =>
        {
            Assert.Equal("samples.compress", s!["settings"]!["workload"]!.GetValue<string>());
            Assert.Equal(6, s["statistics"]!["ok"]!.GetValue<long>());
            Assert.Equal(0, s["statistics"]!["failed"]!.GetValue<long>());
        });
    }

    [Fact]
    public async Task Run_WithAWorkloadTheServerDoesNotOffer_CannotRun_NamingIt()
    {
        using var console = new TestConsole();

        var code = await LoadApp.RunAsync(
            ["run", "--workload", "samples.compress", "--model", "iterations", "--iterations", "1", "--process-workers", "1", "--out", _folder],
            console.Console,
            CancellationToken.None);

        Assert.Equal(ExitCodes.CouldNotRun, code);
        Assert.Contains("does not offer the workload 'samples.compress'", console.Output, StringComparison.Ordinal);
        Assert.Contains("Workloads:Plugins", console.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
