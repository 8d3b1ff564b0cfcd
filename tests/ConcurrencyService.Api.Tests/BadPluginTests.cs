using System.Net;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests;

/// <summary>
/// Plugins that misbehave while running (tests/Assets/BadWorkloads): each failure stays in its own job, says what the
/// plugin did in the job's error, and never answers 500; the service and the other jobs carry on.
/// </summary>
public sealed class BadPluginTests(PluginApiFactory app) : IClassFixture<PluginApiFactory>
{
    public static TheoryData<string, string, string> Failures => new()
    {
        { "bad.split-throws", "threads", "no pieces today" },
        { "bad.split-count", "processes", "Split returned 3 pieces, not the 2 asked for" },
        { "bad.piece-throws", "threads", "piece 1 is cursed" },
        { "bad.piece-throws", "processes", "piece 1 is cursed" },
        { "bad.static-ctor", "threads", "the lookup table is missing" },
        { "bad.static-ctor", "processes", "the lookup table is missing" },
        { "bad.output", "processes", "cannot be encoded to leave the worker process" },
        { "bad.output", "threads", "Combining the task results failed" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task BadPluginJob_EndsFailed_WithThePluginsReason(string workload, string executor, string reason)
    {
        var job = await app.Jobs.RunAsync(new { workload, executor, tasks = 2 });

        Assert.Equal("failed", JobsClient.Status(job));
        Assert.True(job["error"]!["message"]!.GetValue<string>().Contains(reason, StringComparison.Ordinal), job.ToJsonString());
        await AssertServiceStillRunsJobsAsync(executor);
    }

    [Fact]
    public async Task ProcessIsolatedPlugin_OnThreads_Returns400()
    {
        using var response = await app.Jobs.PostJsonAsync("""{ "workload": "bad.crash", "executor": "threads" }""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JobsClient.ReadProblemAsync(response);
        Assert.Contains("runs only on the 'processes' executor", problem["errors"]!["executor"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)] // exits
    [InlineData(1)] // exhausts its heap
    public async Task CrashingPluginPiece_OnProcesses_FailsThatTaskOnly_AndThePoolHeals(long mode)
    {
        var job = await app.Jobs.RunAsync(new { workload = "bad.crash", executor = "processes", tasks = 3, parameters = new { ms = mode } });

        Assert.Equal("failed", JobsClient.Status(job));
        var runs = job["taskRuns"]!.AsArray();
        Assert.Equal("failed", runs[0]!["status"]!.GetValue<string>());
        Assert.Contains("worker process", runs[0]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(runs.Skip(1), r => r!["status"]!.GetValue<string>() == "failed");
        await AssertServiceStillRunsJobsAsync("processes");
    }

    [Fact]
    public async Task CancelJob_PluginPieceIgnoringCancellationOnThreads_EndsCancelled_ItsThreadAbandoned()
    {
        var id = await app.Jobs.SubmitAsync(new { workload = "bad.ignores-cancel", executor = "threads", parameters = new { ms = 60_000 } });
        Assert.Equal("running", JobsClient.Status(await app.Jobs.WaitUntilStartedAsync(id)));

        using var response = await app.Jobs.Http.DeleteAsync(new Uri($"/api/jobs/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var job = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("cancelled", JobsClient.Status(job));
        Assert.Contains("abandoned and replaced", job["taskRuns"]![0]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertServiceStillRunsJobsAsync("threads");
    }

    private async Task AssertServiceStillRunsJobsAsync(string executor)
    {
        var job = await app.Jobs.RunAsync(new { workload = "samples.compress", parameters = new { blocks = 2 }, executor, tasks = 2 });
        Assert.True(JobsClient.Status(job) == "succeeded", job.ToJsonString());
    }
}
