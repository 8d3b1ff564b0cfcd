using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests;

/// <summary><c>Idempotency-Key</c>: a retried submission gets the job (or experiment) it first created, never a second one.</summary>
public sealed class IdempotencyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _http = factory.CreateApiClient();

    [Fact]
    public async Task SubmitJob_TwiceWithTheSameKeyAndBody_ReturnsTheSameJob()
    {
        var key = Guid.NewGuid().ToString();
        var workload = """{"workload":"io.sleep","parameters":{"ms":1}}""";

        using var first = await PostAsync("/api/jobs", workload, key);
        using var again = await PostAsync("/api/jobs", workload, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(await IdOf(first), await IdOf(again));
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task SubmitJob_WithTheSameKey_AndTheBodyReorderedAndRespaced_ReturnsTheSameJob()
    {
        var key = Guid.NewGuid().ToString();

        using var first = await PostAsync("/api/jobs", """{"workload":"cpu.primes","parameters":{"below":1000},"tasks":2}""", key);
        using var again = await PostAsync("/api/jobs", """{ "tasks": 2, "parameters": { "below": 1000 }, "workload": "cpu.primes" }""", key);

        Assert.Equal(await IdOf(first), await IdOf(again));
    }

    [Fact]
    public async Task SubmitJob_WithTheSameKeyAndADifferentBody_Returns422()
    {
        var key = Guid.NewGuid().ToString();
        using var first = await PostAsync("/api/jobs", """{"workload":"cpu.primes","parameters":{"below":1000}}""", key);

        using var other = await PostAsync("/api/jobs", """{"workload":"cpu.primes","parameters":{"below":1001}}""", key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        var problem = await JobsClient.ReadProblemAsync(other);
        Assert.NotNull(problem["type"]);
        Assert.Contains(key, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitJob_ManyAtOnceWithOneKey_CreatesOneJob()
    {
        var key = Guid.NewGuid().ToString();
        var marker = Random.Shared.Next(1, 1_000_000);
        var body = $$$"""{"workload":"cpu.primes","parameters":{"below":{{{marker}}}}}""";

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => PostAsync("/api/jobs", body, key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(IdOf));
        Assert.Single(ids.Distinct());
        var page = JsonNode.Parse(await _http.GetStringAsync(new Uri("/api/jobs?workload=cpu.primes&pageSize=500", UriKind.Relative)))!;
        Assert.Single(page["items"]!.AsArray(), j => j!["parameters"]!["below"]!.GetValue<long>() == marker);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task SubmitJob_RefusedWithAKey_CanBeRetriedWithTheSameKey()
    {
        var key = Guid.NewGuid().ToString();
        using var invalid = await PostAsync("/api/jobs", """{"workload":"cpu.primes","tasks":0}""", key);

        using var fixedUp = await PostAsync("/api/jobs", """{"workload":"cpu.primes","tasks":1}""", key);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, fixedUp.StatusCode);
    }

    [Fact]
    public async Task SubmitJob_WithoutAKey_CreatesAJobEachTime()
    {
        using var first = await PostAsync("/api/jobs", """{"workload":"cpu.squares"}""", key: null);
        using var second = await PostAsync("/api/jobs", """{"workload":"cpu.squares"}""", key: null);

        Assert.NotEqual(await IdOf(first), await IdOf(second));
    }

    [Fact]
    public async Task SubmitExperiment_TwiceWithTheSameKey_ReturnsTheSameExperiment()
    {
        var key = Guid.NewGuid().ToString();
        var body = """{"workload":"cpu.squares","parameters":{"iterations":1000},"executors":["threads"],"workers":[1]}""";

        using var first = await PostAsync("/api/experiments", body, key);
        using var again = await PostAsync("/api/experiments", body, key);
        using var other = await PostAsync("/api/experiments", body.Replace("1000", "1001", StringComparison.Ordinal), key);

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(await IdOf(first), await IdOf(again));
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
    }

    [Fact]
    public async Task SameKey_OnJobsAndOnExperiments_AreDifferentKeys()
    {
        var key = Guid.NewGuid().ToString();

        using var job = await PostAsync("/api/jobs", """{"workload":"cpu.squares"}""", key);
        using var experiment = await PostAsync("/api/experiments", """{"workload":"cpu.squares","executors":["threads"],"workers":[1]}""", key);

        Assert.Equal(HttpStatusCode.Accepted, job.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, experiment.StatusCode);
    }

    [Theory]
    [InlineData("/api/jobs", "post")]
    [InlineData("/api/experiments", "post")]
    public async Task Document_ListsTheHeader_OnSubmissions(string path, string method)
    {
        var doc = JsonNode.Parse(await _http.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)))!;
        var operation = doc["paths"]![path]![method]!;

        Assert.Contains(operation["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "Idempotency-Key" && p["in"]!.GetValue<string>() == "header");
        Assert.NotNull(operation["responses"]!["422"]);
    }

    private async Task<HttpResponseMessage> PostAsync(string url, string body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await _http.SendAsync(request);
    }

    private static async Task<Guid> IdOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<Guid>();
}
