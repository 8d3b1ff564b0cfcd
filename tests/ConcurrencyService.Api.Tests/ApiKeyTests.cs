using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests;

/// <summary>A server with <c>Auth:ApiKeys</c>: /api refuses without a key and accepts with one; health, echo and the document stay open.</summary>
public sealed class ApiKeyTests : IAsyncLifetime
{
    private const string Key = "test-key-0123456789abcdef";
    private const string OtherKey = "second-key-0123456789abcdef";

    private readonly ApiFactory _factory = ApiFactory.With(new Dictionary<string, string?>
    {
        ["Auth:ApiKeys:0"] = Key,
        ["Auth:ApiKeys:1"] = OtherKey,
    });

    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _http = _factory.CreateApiClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("GET", "/api/workloads")]
    [InlineData("GET", "/api/executors")]
    [InlineData("GET", "/api/jobs")]
    [InlineData("POST", "/api/jobs")]
    [InlineData("GET", "/api/experiments")]
    [InlineData("GET", "/api/experiments/presets")]
    [InlineData("POST", "/api/experiments/claims?size=small")]
    [InlineData("GET", "/api/jobs/not-a-guid")]
    public async Task Api_WithoutKey_Returns401ProblemWithChallenge(string method, string url)
    {
        using var response = await SendAsync(method, url, request => { });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "ApiKey");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        var problem = await JobsClient.ReadProblemAsync(response);
        Assert.Equal(401, problem["status"]!.GetValue<int>());
        Assert.NotNull(problem["type"]);
        Assert.Contains("X-Api-Key", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_WithWrongKey_Returns401SayingTheKeyIsNotValid_WithoutEchoingIt()
    {
        using var response = await SendAsync("GET", "/api/workloads", r => r.Headers.Add("X-Api-Key", "wrong-key-0123456789abcdef"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("not valid", text, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Key, false)]
    [InlineData(OtherKey, false)]
    [InlineData(Key, true)]
    public async Task Api_WithAValidKey_Answers(string key, bool asBearer)
    {
        using var response = await SendAsync("GET", "/api/workloads", r =>
        {
            if (asBearer)
            {
                r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }
            else
            {
                r.Headers.Add("X-Api-Key", key);
            }
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SubmitJob_WithKey_RunsTheJob()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/jobs", UriKind.Relative))
        {
            Content = new StringContent("""{"workload":"cpu.squares"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", Key);
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/api/echo/delay/0")]
    [InlineData("/swagger/v1/swagger.json")]
    public async Task OpenEndpoints_WithoutKey_Answer(string url)
    {
        using var response = await _http.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Document_DeclaresTheKeyScheme_OnApiOperationsOnly()
    {
        var doc = JsonNode.Parse(await _http.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)))!;

        var scheme = doc["components"]!["securitySchemes"]!["ApiKey"]!;
        Assert.Equal("apiKey", scheme["type"]!.GetValue<string>());
        Assert.Equal("X-Api-Key", scheme["name"]!.GetValue<string>());
        Assert.Equal("header", scheme["in"]!.GetValue<string>());
        var submit = doc["paths"]!["/api/jobs"]!["post"]!;
        Assert.NotNull(submit["security"]![0]!["ApiKey"]);
        Assert.NotNull(submit["responses"]!["401"]);
        var open = Assert.Single(doc["paths"]!["/api/echo/delay/{ms}"]!["get"]!["security"]!.AsArray());
        Assert.Empty(open!.AsObject()); // {}: the empty requirement, no key needed
        Assert.Null(doc["paths"]!["/api/echo/delay/{ms}"]!["get"]!["responses"]!["401"]);
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string url, Action<HttpRequestMessage> configure)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = new StringContent("""{"workload":"cpu.squares"}""", System.Text.Encoding.UTF8, "application/json");
        }

        configure(request);
        return await _http.SendAsync(request);
    }
}
