using System.Text.Json.Nodes;
using System.Net;
using System.Text;

namespace ConcurrencyService.Api.Tests;

/// <summary>Every bad input gets a 4xx ProblemDetails that names the problem; never a 500, never a hang.</summary>
public sealed class BadInputTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _http = factory.CreateApiClient();

    public static TheoryData<string, string, int, string> BadSubmissions => new()
    {
        // body, content type, expected status, a fragment the problem must contain
        { "{\"workload\":\"cpu.primes\",", "application/json", 400, "not valid JSON" },
        { "", "application/json", 400, "empty" },
        { "[1,2]", "application/json", 400, "must be a JSON object" },
        { "\"cpu.primes\"", "application/json", 400, "must be a JSON object" },
        { "{\"workload\":\"cpu.primes\"}", "text/plain", 415, "application/json" },
        { "{}", "application/json", 400, "'workload' is required" },
        { "{\"workload\":42}", "application/json", 400, "'workload' must be a string" },
        { "{\"workload\":\"cpu.nope\"}", "application/json", 400, "Unknown workload 'cpu.nope'" },
        { "{\"workload\":\"cpu.primes\",\"colour\":\"red\"}", "application/json", 400, "Unknown property 'colour'" },
        { "{\"workload\":\"cpu.primes\",\"executor\":\"fibers\"}", "application/json", 400, "'executor' must be one of: threads, processes" },
        { "{\"workload\":\"cpu.primes\",\"executor\":1}", "application/json", 400, "'executor' must be one of" },
        { "{\"workload\":\"cpu.primes\",\"executor\":\"processes\"}", "application/json", 400, "not enabled on this server" },
        { "{\"workload\":\"cpu.primes\",\"tasks\":0}", "application/json", 400, "'tasks' must be a whole number from 1 to 256" },
        { "{\"workload\":\"cpu.primes\",\"tasks\":100000}", "application/json", 400, "'tasks' must be a whole number from 1 to 256" },
        { "{\"workload\":\"cpu.primes\",\"tasks\":2.5}", "application/json", 400, "'tasks' must be a whole number" },
        { "{\"workload\":\"cpu.primes\",\"tasks\":\"4\"}", "application/json", 400, "'tasks' must be a whole number" },
        { "{\"workload\":\"cpu.primes\",\"timeoutMs\":-5}", "application/json", 400, "'timeoutMs' must be a whole number" },
        { "{\"workload\":\"cpu.primes\",\"timeoutMs\":99999999999}", "application/json", 400, "'timeoutMs' must be a whole number" },
        { "{\"workload\":\"cpu.primes\",\"parameters\":[1]}", "application/json", 400, "'parameters' must be a JSON object" },
        { "{\"workload\":\"cpu.primes\",\"parameters\":{\"below\":\"1000\"}}", "application/json", 400, "'below' must be a whole number" },
        { "{\"workload\":\"cpu.primes\",\"parameters\":{\"below\":1.5}}", "application/json", 400, "'below' must be a whole number" },
        { "{\"workload\":\"cpu.primes\",\"parameters\":{\"below\":1000000000000}}", "application/json", 400, "'below' must be from 0 to 100000000" },
        { "{\"workload\":\"cpu.primes\",\"parameters\":{\"below\":-1}}", "application/json", 400, "'below' must be from 0" },
        { "{\"workload\":\"cpu.primes\",\"parameters\":{\"limit\":10}}", "application/json", 400, "has no parameter 'limit'" },
        { "{\"workload\":\"io.sleep\",\"parameters\":{\"ms\":true}}", "application/json", 400, "'ms' must be a whole number" },
        { "{\"workload\":\"io.sleep\",\"parameters\":{\"ms\":86400000}}", "application/json", 400, "'ms' must be from 0 to 600000" },
        { "{\"workload\":\"cpu.montecarlo\",\"parameters\":{\"volatility\":\"high\"}}", "application/json", 400, "'volatility' must be a number" },
        { "{\"workload\":\"cpu.montecarlo\",\"parameters\":{\"paths\":0}}", "application/json", 400, "'paths' must be from 1" },
        { "{\"workload\":\"io.http\"}", "application/json", 400, "'url' is required" },
        { "{\"workload\":\"io.http\",\"parameters\":{\"url\":\"ftp://example.com/x\"}}", "application/json", 400, "absolute http or https URL" },
        { "{\"workload\":\"io.http\",\"parameters\":{\"url\":\"http://example.com/\"}}", "application/json", 400, "not under an allowed base URL" },
        { "{\"workload\":\"io.file\",\"parameters\":{\"bytes\":10000000000000}}", "application/json", 400, "'bytes' must be from 0 to" },
        { "{\"workload\":\"cpu.primes\",\"workload\":\"cpu.sqrt\"}", "application/json", 400, "Duplicate property" },
        { "{\"workload\":\"debug.crash\",\"executor\":\"processes\"}", "application/json", 400, "offered only when Diagnostics:FaultWorkloads is true" },
    };

    [Theory]
    [MemberData(nameof(BadSubmissions))]
    public async Task SubmitJob_WithBadInput_Returns4xxProblemNamingIt(string body, string contentType, int status, string fragment)
    {
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        using var response = await _http.PostAsync(new Uri("/api/jobs", UriKind.Relative), content);

        Assert.Equal(status, (int)response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(fragment, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/jobs", "A job request may be at most 65536 bytes", "The job request is not valid.")]
    [InlineData("/api/experiments", "An experiment request may be at most 65536 bytes", "The experiment request is not valid.")]
    public async Task Submit_WithBodyOverTheLimitOrInvalid_NamesWhatWasSubmitted(string url, string tooLarge, string invalid)
    {
        var body = "{\"workload\":\"cpu.primes\",\"parameters\":{\"pad\":\"" + new string('x', 70_000) + "\"}}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(url, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains(tooLarge, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var small = new StringContent("{\"workload\":\"cpu.nothing\"}", Encoding.UTF8, "application/json");
        using var refused = await _http.PostAsync(new Uri(url, UriKind.Relative), small);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(invalid, JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GET", "/api/jobs/not-a-guid", 400, "is not a job id")]
    [InlineData("GET", "/api/jobs/0196b7e4-6c9e-7c1a-9a1d-3f2b5c7d8e90", 404, "There is no job")]
    [InlineData("GET", "/api/jobs/0196b7e4-6c9e-7c1a-9a1d-3f2b5c7d8e90?waitMs=abc", 400, "waitMs")]
    [InlineData("GET", "/api/jobs/0196b7e4-6c9e-7c1a-9a1d-3f2b5c7d8e90?waitMs=-1", 400, "'waitMs' must be from 0 to 60000")]
    [InlineData("GET", "/api/jobs/0196b7e4-6c9e-7c1a-9a1d-3f2b5c7d8e90?waitMs=3600000", 400, "'waitMs' must be from 0 to 60000")]
    [InlineData("DELETE", "/api/jobs/not-a-guid", 400, "is not a job id")]
    [InlineData("DELETE", "/api/jobs/0196b7e4-6c9e-7c1a-9a1d-3f2b5c7d8e90", 404, "There is no job")]
    [InlineData("GET", "/api/jobs?status=bogus", 400, "'status' must be one of: queued, running, succeeded, failed, cancelled, timedOut")]
    [InlineData("GET", "/api/jobs?status=3", 400, "'status' must be one of")]
    [InlineData("GET", "/api/jobs?executor=gpu", 400, "'executor' must be one of: threads, processes")]
    [InlineData("GET", "/api/jobs?page=0", 400, "'page' must be 1 or more")]
    [InlineData("GET", "/api/jobs?pageSize=100000", 400, "'pageSize' must be from 1 to 500")]
    [InlineData("GET", "/api/jobs?page=x", 400, "page")]
    [InlineData("GET", "/api/echo/delay/99999999", 400, "'ms' must be from 0 to 60000")]
    [InlineData("GET", "/api/echo/delay/soon", 400, "ms")]
    [InlineData("GET", "/api/nowhere", 404, "no endpoint at '/api/nowhere'")]
    [InlineData("PUT", "/api/jobs", 405, "does not accept PUT")]
    public async Task Request_WithBadInput_Returns4xxProblemNamingIt(string method, string url, int status, string fragment) =>
        await Problems.AssertAsync(_http, method, url, status, fragment);
}
