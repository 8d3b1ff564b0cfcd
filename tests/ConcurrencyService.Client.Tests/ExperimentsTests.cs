using System.Net;
using System.Xml.Linq;
using ConcurrencyService.Client;
using Refit;

namespace ConcurrencyService.Client.Tests;

/// <summary>The experiment, preset and claims operations of the Refit interface against the real API.</summary>
public sealed class ExperimentsTests
{
    [Fact]
    public async Task Experiment_SubmittedThroughTheClient_RunsIsListedAndDrawsItsChart()
    {
        await using var server = ClientServer.Start();
        using var response = await server.Client.SubmitExperimentAsync(new SubmitExperimentRequest
        {
            Workload = "cpu.squares",
            Executors = ["threads"],
            Workers = [1, 2],
            Repetitions = 1,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = response.Content!;
        Assert.Equal($"/api/experiments/{accepted.Id}", response.Headers?.Location?.OriginalString);

        var experiment = await WaitForExperimentAsync(server.Client, accepted.Id);

        Assert.Equal(ExperimentStatus.Succeeded, experiment.Status);
        Assert.Contains(await server.Client.ListExperimentsAsync(), e => e.Id == accepted.Id);
        using var chart = await server.Client.GetExperimentChartAsync(accepted.Id);
        Assert.Equal("image/svg+xml", chart.Headers.ContentType?.MediaType);
        Assert.Equal("svg", XDocument.Load(await chart.ReadAsStreamAsync()).Root!.Name.LocalName);
        using var cancel = await server.Client.CancelExperimentAsync(accepted.Id);
        Assert.Equal(409, Assert.IsType<ConcurrencyServiceException>(cancel.Error).Status);
    }

    [Fact]
    public async Task CancelExperiment_NotFinished_EndsItCancelled()
    {
        await using var server = ClientServer.Start();
        var request = new SubmitExperimentRequest { Workload = "io.sleep", Parameters = new Dictionary<string, object> { ["ms"] = 60_000 }, Executors = ["threads"], Workers = [1], Repetitions = 1 };
        using var submitted = await server.Client.SubmitExperimentAsync(request);

        using var cancelled = await server.Client.CancelExperimentAsync(submitted.Content!.Id);

        Assert.Null(cancelled.Error);
        Assert.True(cancelled.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"Cancel answered {cancelled.StatusCode}.");
        Assert.Equal(ExperimentStatus.Cancelled, (await WaitForExperimentAsync(server.Client, submitted.Content.Id)).Status);
    }

    [Fact]
    public async Task Presets_AreListedAndOneRunsAtTheSmallSize()
    {
        await using var server = ClientServer.Start();

        var presets = await server.Client.ListExperimentPresetsAsync();
        using var run = await server.Client.RunExperimentPresetAsync("primes-pool", size: "small");
        using var unknown = await server.Client.RunExperimentPresetAsync("no-such-preset");

        Assert.Contains(presets, p => p.Name == "primes-pool");
        Assert.All(presets, p => Assert.False(string.IsNullOrWhiteSpace(p.Claim)));
        Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        Assert.Equal($"/api/experiments/{run.Content!.Id}", run.Headers?.Location?.OriginalString);
        Assert.Equal(404, Assert.IsType<ConcurrencyServiceException>(unknown.Error).Status);
        using var _ = await server.Client.CancelExperimentAsync(run.Content.Id);
    }

    [Fact]
    public async Task ClaimsReport_RunsCancelsAndRendersItsTableAsJsonAndMarkdown()
    {
        await using var server = ClientServer.Start();

        using var run = await server.Client.RunClaimsReportAsync(size: "small");
        Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        var id = run.Content!.Id;
        Assert.Equal($"/api/experiments/claims/{id}", run.Headers?.Location?.OriginalString);
        var cancelled = await server.Client.CancelClaimsReportAsync(id);
        var report = await server.Client.GetClaimsReportAsync(id, waitMs: 60_000);
        using var markdown = await server.Client.GetClaimsReportMarkdownAsync(id);

        Assert.Equal(id, cancelled.Id);
        Assert.Equal(id, report.Id);
        Assert.NotEmpty(report.Experiments);
        Assert.Equal("text/markdown", markdown.Headers.ContentType?.MediaType);
        Assert.StartsWith("#", (await markdown.ReadAsStringAsync()).TrimStart(), StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<ConcurrencyServiceException>(() => server.Client.GetClaimsReportAsync(Guid.NewGuid()));
        Assert.Equal(404, missing.Status);
    }

    private static async Task<ExperimentView> WaitForExperimentAsync(IConcurrencyServiceApi client, Guid id)
    {
        var experiment = await client.GetExperimentAsync(id, waitMs: 60_000);
        while (experiment.Status is ExperimentStatus.Queued or ExperimentStatus.Running)
        {
            experiment = await client.GetExperimentAsync(id, waitMs: 60_000);
        }

        return experiment;
    }
}
