using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConcurrencyService.Load.Commands;
using ConcurrencyService.Load.Server;

namespace ConcurrencyService.Load.Tests;

/// <summary>
/// <c>--target</c> with several nodes: two real API processes, the runner spreading iterations over them round-robin,
/// the report showing each node's share; each server's own job list confirms the jobs really went to both.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class MultipleTargetsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cs-load-targets-").FullName;

    [Fact]
    public async Task Run_WithTwoTargets_SpreadsIterationsRoundRobin_AndReportsEachNode()
    {
        var settings = new ServerSettings(ThreadWorkers: 2, ProcessWorkers: 1, QueueCapacity: 1_000);
        await using var a = await EmbeddedServer.StartAsync(settings, CancellationToken.None);
        await using var b = await EmbeddedServer.StartAsync(settings, CancellationToken.None);
        using var console = new TestConsole();

        var code = await LoadApp.RunAsync(
            [
                "run", "--target", $"{a.BaseAddress},{b.BaseAddress}", "-s", "io-threads", "--model", "iterations", "--iterations", "20",
                "--users", "4", "--warmup", "0s", "--sleep-ms", "10", "--out", _folder,
            ],
            console.Console,
            CancellationToken.None);

        Assert.True(code == ExitCodes.Ok, $"Exit code {code}:\n{console.Output}");
        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "report.json")))!;
        var statistics = report["steps"]![0]!["scenarios"]![0]!["statistics"]!;
        var nodes = statistics["nodes"]!.AsArray();
        Assert.Equal(new[] { Name(a), Name(b) }.Order(), nodes.Select(n => n!["node"]!.GetValue<string>()).Order());
        Assert.Equal(statistics["ok"]!.GetValue<long>(), nodes.Sum(n => n!["ok"]!.GetValue<long>()));
        Assert.All(nodes, n => Assert.InRange(n!["ok"]!.GetValue<long>(), 9, 11)); // round-robin: half each, give or take warm-up's odd one
        Assert.Contains(Name(b), report["environment"]!["target"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("run: per node", await File.ReadAllTextAsync(Path.Combine(_folder, "report.md")), StringComparison.Ordinal);

        foreach (var server in new IServer[] { a, b })
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            var page = await http.GetFromJsonAsync<JsonObject>(new Uri("/api/jobs?workload=io.sleep&pageSize=100", UriKind.Relative));
            var reported = nodes.Single(n => n!["node"]!.GetValue<string>() == Name(server))!["ok"]!.GetValue<long>();
            Assert.True(page!["total"]!.GetValue<int>() >= reported, $"{Name(server)} holds {page["total"]} jobs; the report says {reported} ran there");
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Name(IServer server) => server.BaseAddress.ToString().TrimEnd('/');
}
