using System.Xml.Linq;
using ConcurrencyService.Client;

namespace ConcurrencyService.Client.Tests;

/// <summary>The experiment operations through the client: submit, long-poll, the chart as a file, presets.</summary>
public sealed class ExperimentsTests
{
    [Fact]
    public async Task Experiment_SubmittedThroughTheClient_RunsAndDrawsItsChart()
    {
        await using var server = ClientServer.Start();
        var accepted = await server.Client.SubmitExperimentAsync(new SubmitExperimentRequest
        {
            Workload = "cpu.squares",
            Executors = ["threads"],
            Workers = [1, 2],
            Repetitions = 1,
        });

        var experiment = await server.Client.GetExperimentAsync(accepted.Id, waitMs: 60_000);
        while (experiment.Status is ExperimentStatus.Queued or ExperimentStatus.Running)
        {
            experiment = await server.Client.GetExperimentAsync(accepted.Id, waitMs: 60_000);
        }

        Assert.Equal(ExperimentStatus.Succeeded, experiment.Status);
        using var chart = await server.Client.GetExperimentChartAsync(accepted.Id);
        Assert.Equal(200, chart.StatusCode);
        Assert.Equal("svg", XDocument.Load(chart.Stream).Root!.Name.LocalName);
    }

    [Fact]
    public async Task ListExperimentPresets_NamesTheTutorialsExperiments()
    {
        await using var server = ClientServer.Start();

        var presets = await server.Client.ListExperimentPresetsAsync();

        Assert.Contains(presets, p => p.Name == "primes-pool");
        Assert.All(presets, p => Assert.False(string.IsNullOrWhiteSpace(p.Claim)));
    }
}
