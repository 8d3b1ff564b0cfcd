using System.Text.Json.Nodes;
using ConcurrencyService.Load.Commands;
using ConcurrencyService.Load.Reports;

namespace ConcurrencyService.Load.Tests;

/// <summary>
/// CI's smoke run of the comparison suite: the real API started as a child process per worker count, real jobs on
/// threads and on worker processes, all four report formats and the charts (SVG and PNG) written. It proves the suite works end to end; it
/// asserts no speed.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class ComparisonSmokeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cs-load-smoke-").FullName;

    [Fact]
    public async Task SmokeComparison_RunsEveryJobScenarioAtEachWorkerCount_WithNoFailedJob_AndWritesFourReports()
    {
        using var console = new TestConsole();

        var code = await LoadApp.RunAsync(["compare", "--smoke", "--out", _folder], console.Console, CancellationToken.None);

        Assert.True(code == ExitCodes.Ok, $"Exit code {code}:\n{console.Output}");
        Assert.All(ReportPublisher.FileNames, name => Assert.True(File.Exists(Path.Combine(_folder, name)), $"{name} missing"));

        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "report.json")))!;
        var results = report["steps"]!.AsArray().SelectMany(s => s!["scenarios"]!.AsArray()).ToList();
        Assert.Equal(3 * 4 + 1, results.Count); // 1, 2 and 2 × cores workers; the HTTP baseline once
        Assert.All(results, r =>
        {
            var statistics = r!["statistics"]!;
            Assert.True(statistics["failed"]!.GetValue<long>() == 0, r.ToJsonString());
            // Each scenario runs past its 1 s window until it has measured this many, so the comparison is over real jobs.
            Assert.True(statistics["ok"]!.GetValue<long>() >= CompareCommand.SmokeMinIterations, r.ToJsonString());
            Assert.True(statistics["measuredSeconds"]!.GetValue<double>() >= 1, r.ToJsonString());
        });
        Assert.Equal(12, report["headline"]!.AsArray().Count);
        Assert.Equal(Environment.ProcessorCount, report["environment"]!["cores"]!.GetValue<int>());

        var html = await File.ReadAllTextAsync(Path.Combine(_folder, "report.html"));
        const string InlineSvg = "src=\"data:image/svg+xml;base64,";
        Assert.Contains(InlineSvg, html, StringComparison.Ordinal);
        var outside = html.Replace(InlineSvg, string.Empty, StringComparison.Ordinal);
        foreach (var external in new[] { "<script", "<link", "src=", "url(", "@import", "http://", "https://" })
        {
            Assert.DoesNotContain(external, outside, StringComparison.OrdinalIgnoreCase);
        }

        // Each chart as SVG and PNG beside the reports; report.md shows the PNGs.
        var markdown = await File.ReadAllTextAsync(Path.Combine(_folder, "report.md"));
        var pngs = Directory.GetFiles(Path.Combine(_folder, ReportChart.Folder), "*.png");
        Assert.Equal(2 + (2 * results.Count), pngs.Length); // IO and CPU jobs/s, and each scenario's rate and latency over time
        Assert.All(pngs, png =>
        {
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
            Assert.True(File.Exists(Path.ChangeExtension(png, ".svg")), $"{png} has no SVG beside it");
            Assert.Contains($"]({ReportChart.Folder}/{Path.GetFileName(png)})", markdown, StringComparison.Ordinal);
        });
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
