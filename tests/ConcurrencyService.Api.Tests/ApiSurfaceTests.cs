using System.Net;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests;

public sealed class ApiSurfaceTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _http = factory.CreateApiClient();

    [Fact]
    public async Task OpenApiDocument_NamesTheOperations_WithStringEnumsAndAnExamplePerWorkload()
    {
        var doc = JsonNode.Parse(await _http.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)))!;

        var operations = doc["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => o.Value!["operationId"]?.GetValue<string>()))
            .ToHashSet();
        foreach (var name in new[]
        {
            "SubmitJob", "GetJob", "ListJobs", "CancelJob", "ListWorkloads", "GetExecutors",
            "SubmitExperiment", "GetExperiment", "ListExperiments", "CancelExperiment", "GetExperimentChart", "ListExperimentPresets", "RunExperimentPreset",
            "RunClaimsReport", "GetClaimsReport", "GetClaimsReportMarkdown", "CancelClaimsReport",
            "SubmitAdvice", "GetAdvice", "GetAdviceReport",
        })
        {
            Assert.Contains(name, operations);
        }

        var schemas = doc["components"]!["schemas"]!;
        Assert.Equal("string", schemas["JobStatus"]!["type"]!.GetValue<string>());
        Assert.Contains("timedOut", schemas["JobStatus"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("string", schemas["ExecutorKind"]!["type"]!.GetValue<string>());
        var submit = doc["paths"]!["/api/jobs"]!["post"]!;
        var examples = submit["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject();
        Assert.Equal(9, examples.Count); // one per built-in, mixed included
        var experiment = doc["paths"]!["/api/experiments"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject();
        Assert.Equal(3, experiment.Count);
        Assert.Equal(2, doc["paths"]!["/api/advice"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject().Count);
        Assert.Equal("array", schemas["Advice"]!["properties"]!["doubts"]!["type"]!.GetValue<string>()); // names, not a comma-joined flags string
        Assert.Equal("image/svg+xml", doc["paths"]!["/api/experiments/{id}/chart.svg"]!["get"]!["responses"]!["200"]!["content"]!.AsObject().Single().Key);
        Assert.All(new[] { "400", "429" }, code =>
            Assert.NotNull(submit["responses"]![code]!["content"]!["application/problem+json"]));
        Assert.All(doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()), op =>
            Assert.False(string.IsNullOrWhiteSpace(op.Value!["summary"]?.GetValue<string>()), $"{op.Key} has a summary"));
    }

    [Theory]
    [InlineData("/api/jobs", "SubmitJobRequest")]
    [InlineData("/api/experiments", "SubmitExperimentRequest")]
    [InlineData("/api/advice", "SubmitAdviceRequest")]
    public async Task SubmitBody_TheSchemaTheDocumentShows_IsWhatTheServiceParses(string url, string schema)
    {
        var doc = JsonNode.Parse(await _http.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)))!;
        var documented = doc["components"]!["schemas"]![schema]!["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToList();

        // A field the document does not show is refused, and the refusal lists what the service reads: the same fields.
        using var content = new StringContent("{\"workload\":\"cpu.primes\",\"notAField\":1}", System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(url, UriKind.Relative), content);
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["notAField"]![0]!.GetValue<string>();
        var parsed = message[(message.IndexOf(" has: ", StringComparison.Ordinal) + 6)..].TrimEnd('.').Split(", ").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(documented, parsed);
    }

    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        var html = await _http.GetStringAsync(new Uri("/swagger/index.html", UriKind.Relative));

        Assert.Contains("swagger-ui", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ListWorkloads_DescribesEveryWorkloadWithLimitsAndExamples()
    {
        var workloads = JsonNode.Parse(await _http.GetStringAsync(new Uri("/api/workloads", UriKind.Relative)))!.AsArray();

        var names = workloads.Select(w => w!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["cpu.primes", "cpu.sqrt", "cpu.squares", "cpu.countdown", "cpu.montecarlo", "mixed", "io.sleep", "io.http", "io.file"], names);
        var below = workloads[0]!["parameters"]![0]!;
        Assert.Equal("below", below["name"]!.GetValue<string>());
        Assert.Equal("integer", below["type"]!.GetValue<string>());
        Assert.Equal(100_000_000, below["maximum"]!.GetValue<double>());
        Assert.All(workloads, w =>
        {
            Assert.Equal(w!["name"]!.GetValue<string>(), w["example"]!["workload"]!.GetValue<string>());
            Assert.All(w["parameters"]!.AsArray(), p => Assert.True(p!["maximum"] is not null || p["type"]!.GetValue<string>() is "string" or "url"));
        });
    }

    [Fact]
    public async Task GetExecutors_WithProcessesDisabled_ShowsThreadWorkersAndProcessesUnavailable()
    {
        var executors = JsonNode.Parse(await _http.GetStringAsync(new Uri("/api/executors", UriKind.Relative)))!.AsArray();

        var threads = executors.Single(e => e!["name"]!.GetValue<string>() == "threads")!;
        Assert.True(threads["available"]!.GetValue<bool>());
        Assert.Equal(2, threads["workerCount"]!.GetValue<int>());
        Assert.All(threads["workers"]!.AsArray(), w =>
        {
            Assert.Equal(Environment.ProcessId, w!["processId"]!.GetValue<int>());
            Assert.True(w["threadId"]!.GetValue<long>() > 0);
        });
        var processes = executors.Single(e => e!["name"]!.GetValue<string>() == "processes")!;
        Assert.False(processes["available"]!.GetValue<bool>());
    }

    [Fact]
    public async Task HealthLive_ReportsHealthy()
    {
        using var response = await _http.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HealthReady_ReportsEachCheck_TheStorageAmongThem()
    {
        using var response = await _http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", report["status"]!.GetValue<string>());
        Assert.Equal("Healthy", report["checks"]!["storage"]!["status"]!.GetValue<string>());
        Assert.Contains("InMemory", report["checks"]!["storage"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EchoDelay_AnswersWithTheDelay()
    {
        var body = JsonNode.Parse(await _http.GetStringAsync(new Uri("/api/echo/delay/25", UriKind.Relative)))!;

        Assert.Equal(25, body["delayMs"]!.GetValue<int>());
    }
}
