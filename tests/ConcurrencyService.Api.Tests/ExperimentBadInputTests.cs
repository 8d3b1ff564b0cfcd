using System.Text;

namespace ConcurrencyService.Api.Tests;

/// <summary>Every bad experiment request gets a 4xx ProblemDetails naming the field; never a 500, never a hang.</summary>
public sealed class ExperimentBadInputTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Ok = "\"workload\":\"cpu.squares\",\"executors\":[\"threads\"],\"workers\":[1,2]";

    private readonly HttpClient _http = factory.CreateApiClient();

    public static TheoryData<string, int, string, string> BadExperiments => new()
    {
        // body, expected status, the field the problem names, a fragment of its message
        { "[1]", 400, "$", "must be a JSON object" },
        { "{" + Ok + ",\"colour\":1}", 400, "colour", "Unknown property 'colour'" },
        { "{\"executors\":[\"threads\"],\"workers\":[1]}", 400, "workload", "'workload' is required" },
        { "{\"workload\":\"cpu.nope\",\"executors\":[\"threads\"],\"workers\":[1]}", 400, "workload", "Unknown workload 'cpu.nope'" },
        { "{\"workload\":\"cpu.squares\",\"workers\":[1]}", 400, "executors", "'executors' is required" },
        { "{\"workload\":\"cpu.squares\",\"executors\":[],\"workers\":[1]}", 400, "executors", "non-empty list" },
        { "{\"workload\":\"cpu.squares\",\"executors\":\"threads\",\"workers\":[1]}", 400, "executors", "non-empty list" },
        { "{\"workload\":\"cpu.squares\",\"executors\":[\"threads\",\"fibers\"],\"workers\":[1]}", 400, "executors[1]", "Unknown executor \"fibers\"" },
        { "{\"workload\":\"cpu.squares\",\"executors\":[\"threads\",\"threads\"],\"workers\":[1]}", 400, "executors[1]", "listed twice" },
        { "{\"workload\":\"cpu.squares\",\"executors\":[null],\"workers\":[1]}", 400, "executors[0]", "must not hold null" },
        { "{\"workload\":\"cpu.squares\",\"executors\":[\"threads\"]}", 400, "workers", "'workers' is required" },
        { "{\"workload\":\"cpu.squares\",\"executors\":[\"threads\"],\"workers\":[]}", 400, "workers", "non-empty list" },
        { "{\"workload\":\"cpu.squares\",\"executors\":[\"threads\"],\"workers\":[0]}", 400, "workers[0]", "from 1 to 64" },
        { "{\"workload\":\"cpu.squares\",\"executors\":[\"threads\"],\"workers\":[1,65]}", 400, "workers[1]", "from 1 to 64" },
        { "{\"workload\":\"cpu.squares\",\"executors\":[\"threads\"],\"workers\":[1.5]}", 400, "workers[0]", "whole number" },
        { "{\"workload\":\"cpu.squares\",\"executors\":[\"threads\"],\"workers\":[2,2]}", 400, "workers[1]", "listed twice" },
        { "{" + Ok + ",\"repetitions\":0}", 400, "repetitions", "from 1 to 20" },
        { "{" + Ok + ",\"repetitions\":21}", 400, "repetitions", "from 1 to 20" },
        { "{" + Ok + ",\"scaling\":\"medium\"}", 400, "scaling", "'strong' or 'weak'" },
        { "{" + Ok + ",\"scaling\":\"weak\",\"tasks\":4}", 400, "tasks", "strong scaling only" },
        { "{" + Ok + ",\"tasks\":0}", 400, "tasks", "from 1 to 256" },
        { "{" + Ok + ",\"parameters\":{\"iterations\":-1}}", 400, "parameters.iterations", "must be from 0" },
        { "{" + Ok + ",\"parameters\":{\"limit\":1}}", 400, "parameters.limit", "has no parameter 'limit'" },
        { "{\"workload\":\"io.http\",\"parameters\":{\"url\":\"http://example.com/\"},\"executors\":[\"threads\"],\"workers\":[1]}", 400, "parameters.url", "not under an allowed base URL" },
        {
            "{\"workload\":\"cpu.squares\",\"executors\":[\"threads\",\"threads+gil\",\"processes\",\"processes-spawn\"],\"workers\":[1,2,3,4,5,6,7,8],\"repetitions\":10}",
            400, "$", "asks for 330 runs"
        },
    };

    [Theory]
    [MemberData(nameof(BadExperiments))]
    public async Task SubmitExperiment_WithBadInput_Returns4xxProblemNamingTheField(string body, int status, string field, string fragment)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri("/api/experiments", UriKind.Relative), content);

        Assert.Equal(status, (int)response.StatusCode);
        var problem = await JobsClient.ReadProblemAsync(response);
        var messages = problem["errors"]![field]!.AsArray().Select(m => m!.GetValue<string>());
        Assert.Contains(messages, m => m.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubmitExperiment_WithAFaultWorkload_IsRefusedEvenWhenFaultsAreOn()
    {
        await using var faults = ApiFactory.With(new Dictionary<string, string?> { ["Diagnostics:FaultWorkloads"] = "true" });
        using var content = new StringContent("{\"workload\":\"debug.crash\",\"executors\":[\"processes\"],\"workers\":[1]}", Encoding.UTF8, "application/json");
        using var response = await faults.CreateApiClient().PostAsync(new Uri("/api/experiments", UriKind.Relative), content);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("fault workload", (await JobsClient.ReadProblemAsync(response))["errors"]!["workload"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/api/experiments/presets/fizzbuzz", 404, "There is no preset 'fizzbuzz'")]
    [InlineData("POST", "/api/experiments/presets/crash?size=huge", 400, "'size' must be 'default' or 'small'")]
    [InlineData("POST", "/api/experiments/claims?size=huge", 400, "'size' must be 'default' or 'small'")]
    [InlineData("GET", "/api/experiments/not-a-guid", 400, "is not an experiment id")]
    [InlineData("GET", "/api/experiments/0196b7e4-6c9e-7c1a-9a1d-3f2b5c7d8e90", 404, "There is no experiment")]
    [InlineData("GET", "/api/experiments/0196b7e4-6c9e-7c1a-9a1d-3f2b5c7d8e90?waitMs=-1", 400, "'waitMs' must be from 0")]
    [InlineData("GET", "/api/experiments/0196b7e4-6c9e-7c1a-9a1d-3f2b5c7d8e90/chart.svg", 404, "There is no experiment")]
    [InlineData("DELETE", "/api/experiments/0196b7e4-6c9e-7c1a-9a1d-3f2b5c7d8e90", 404, "There is no experiment")]
    [InlineData("GET", "/api/experiments/claims/0196b7e4-6c9e-7c1a-9a1d-3f2b5c7d8e90", 404, "There is no claims run")]
    [InlineData("GET", "/api/experiments/claims/nope/report.md", 400, "is not a claims run id")]
    [InlineData("DELETE", "/api/experiments/claims/0196b7e4-6c9e-7c1a-9a1d-3f2b5c7d8e90", 404, "There is no claims run")]
    [InlineData("PUT", "/api/experiments", 405, "does not accept PUT")]
    public async Task Request_WithBadInput_Returns4xxProblemNamingIt(string method, string url, int status, string fragment) =>
        await Problems.AssertAsync(_http, method, url, status, fragment);
}
