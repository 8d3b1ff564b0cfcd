using System.Net;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests.ScaleOut;

/// <summary>A node's roles: a worker-only node serves no API, an API-only node runs no workers but still takes every kind of job.</summary>
public sealed class NodeRolesTests
{
    [Theory]
    [InlineData("/api/jobs", HttpStatusCode.NotFound)]
    [InlineData("/swagger/v1/swagger.json", HttpStatusCode.NotFound)]
    [InlineData("/dashboard", HttpStatusCode.NotFound)]
    [InlineData("/health/live", HttpStatusCode.OK)]
    [InlineData("/health/ready", HttpStatusCode.OK)]
    [InlineData("/metrics", HttpStatusCode.OK)]
    public async Task WorkerOnlyNode_AnswersHealthAndMetricsOnly(string path, HttpStatusCode expected)
    {
        await using var node = ApiFactory.With(new Dictionary<string, string?> { ["Node:Http"] = "false" });

        using var response = await node.CreateApiClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task ApiOnlyNode_AcceptsProcessesJobs_ButRunsNoWorkerHost()
    {
        await using var node = ApiFactory.With(new Dictionary<string, string?> { ["Node:Workers"] = "false", ["Executors:Processes:Enabled"] = "true" });
        var jobs = new JobsClient(node.CreateApiClient());

        var id = await jobs.SubmitAsync(new { workload = "cpu.primes", executor = "processes" });
        var executors = JsonNode.Parse(await jobs.Http.GetStringAsync(new Uri("/api/executors", UriKind.Relative)))!.AsArray();

        Assert.Equal("queued", JobsClient.Status(await jobs.GetAsync(id)));
        var processes = executors.Single(e => e!["name"]!.GetValue<string>() == "processes")!;
        Assert.Empty(processes["workers"]!.AsArray());
        Assert.Equal(1, processes["queueDepth"]!.GetValue<int>());
        Assert.Contains("Node:Workers", processes["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
