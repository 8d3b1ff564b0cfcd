using System.Net;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests;

/// <summary>
/// The sample plugins (samples/Workloads), loaded from their build folder into the API and into real worker processes:
/// listed with specs from their records, validated, and giving the same result for any split on either executor.
/// </summary>
public sealed class SamplePluginTests(PluginApiFactory app) : IClassFixture<PluginApiFactory>
{
    public static TheoryData<string, string> Samples => new()
    {
        { "samples.thumbnails", """{ "images": 6, "width": 320, "height": 240, "thumbnailWidth": 64 }""" },
        { "samples.compress", """{ "blocks": 3, "quality": 4 }""" },
        { "samples.ingest", """{ "batches": 3, "rows": 2000, "latencyMs": 20 }""" },
    };

    [Fact]
    public async Task GetWorkloads_ListsThePlugins_WithParametersFromTheirRecords()
    {
        var catalog = JsonNode.Parse(await app.Jobs.Http.GetStringAsync(new Uri("/api/workloads", UriKind.Relative)))!.AsArray();

        var thumbnails = catalog.Single(w => w!["name"]!.GetValue<string>() == "samples.thumbnails")!;
        Assert.Equal("cpu", thumbnails["kind"]!.GetValue<string>());
        var images = thumbnails["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "images")!;
        Assert.Equal(1, images["minimum"]!.GetValue<double>());
        Assert.Equal(10_000, images["maximum"]!.GetValue<double>());
        Assert.Equal("How many images to draw and resize.", images["description"]!.GetValue<string>());
        Assert.Equal(16, thumbnails["example"]!["parameters"]!["images"]!.GetValue<long>());
        Assert.Equal("mixed", catalog.Single(w => w!["name"]!.GetValue<string>() == "samples.ingest")!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApiDocument_OffersEachPluginAsASubmitJobExample()
    {
        var document = JsonNode.Parse(await app.Jobs.Http.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)))!;

        var examples = document["paths"]!["/api/jobs"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject();
        foreach (var name in new[] { "samples.thumbnails", "samples.compress", "samples.ingest" })
        {
            Assert.True(examples.ContainsKey(name), $"no example named {name}: {string.Join(", ", examples.Select(e => e.Key))}");
            Assert.Equal(name, examples[name]!["value"]!["workload"]!.GetValue<string>());
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task SampleJob_SameResult_ForAnySplitAndExecutor(string workload, string parameters)
    {
        var runs = new (string Executor, int Tasks, bool Gil)[] { ("threads", 1, false), ("threads", 3, false), ("threads", 2, true), ("processes", 1, false), ("processes", 3, false) };
        var results = new List<string>();
        foreach (var (executor, tasks, gil) in runs)
        {
            var job = await app.Jobs.RunAsync(new { workload, parameters = JsonNode.Parse(parameters), executor, tasks, gil });
            Assert.True(JobsClient.Status(job) == "succeeded", $"{executor} × {tasks}: {job.ToJsonString()}");
            Assert.Equal(tasks, job["taskRuns"]!.AsArray().Count);
            results.Add(job["result"]!.ToJsonString());
        }

        Assert.All(results, r => Assert.Equal(results[0], r));
    }

    [Fact]
    public async Task PluginExperiment_OnThreadsAndProcesses_Succeeds_WithItsChart()
    {
        var experiments = new ExperimentsClient(app.Jobs.Http);
        var id = await experiments.SubmitAsync(new
        {
            workload = "samples.compress",
            parameters = new { blocks = 4, quality = 1 },
            executors = new[] { "threads", "processes", "processes-spawn" },
            workers = new[] { 1, 2 },
            repetitions = 1,
        });

        var experiment = await experiments.WaitAsync(id);

        Assert.True(experiment["status"]!.GetValue<string>() == "succeeded", experiment.ToJsonString());
        using var chart = await app.Jobs.Http.GetAsync(new Uri($"/api/experiments/{id}/chart.svg", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Contains("<svg", await chart.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PluginJob_OutOfRangeOrInconsistentParameters_Returns400NamingTheParameter()
    {
        using var range = await app.Jobs.PostJsonAsync("""{ "workload": "samples.thumbnails", "parameters": { "images": 0 } }""");
        using var across = await app.Jobs.PostJsonAsync("""{ "workload": "samples.thumbnails", "parameters": { "width": 100, "thumbnailWidth": 200 } }""");
        using var unknown = await app.Jobs.PostJsonAsync("""{ "workload": "samples.compress", "parameters": { "level": 3 } }""");

        foreach (var (response, parameter) in new[] { (range, "parameters.images"), (across, "parameters.thumbnailWidth"), (unknown, "parameters.level") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await JobsClient.ReadProblemAsync(response);
            Assert.NotNull(problem["errors"]![parameter]);
        }
    }
}
