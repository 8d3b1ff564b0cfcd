using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests;

/// <summary>
/// Requests a browser makes for another site's page: a state-changing one is refused (its Origin or Sec-Fetch-Site says
/// where it came from; a form cannot start work at all), and a local-only endpoint reached under another site's name
/// (DNS rebinding) is refused too. The service's own pages, and clients that are not browsers, pass. All through Kestrel.
/// </summary>
public sealed class CrossSiteTests : IClassFixture<ApiFactory>
{
    private const string Evil = "http://evil.example";
    private readonly ApiFactory _factory;

    public CrossSiteTests(ApiFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factory = factory;
    }

    [Theory]
    [InlineData("Origin", Evil)]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task SubmitJob_FromAnotherSitesPage_Is403_AndQueuesNothing(string header, string value)
    {
        using var http = _factory.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = Json("""{"workload":"cpu.primes","parameters":{"below":7919}}""") };
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await http.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "Cross-site");
        var page = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/jobs?workload=cpu.primes&pageSize=500", UriKind.Relative)))!;
        Assert.DoesNotContain(page["items"]!.AsArray(), j => j!["parameters"]?["below"]?.GetValue<long>() == 7919);
    }

    [Fact]
    public async Task CancelJob_FromAnotherSitesPage_Is403_AndTheJobRunsOn()
    {
        using var http = _factory.CreateApiClient();
        var jobs = new JobsClient(http);
        var id = await jobs.SubmitAsync(new { workload = "io.sleep", parameters = new { ms = 60_000 } });
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/jobs/{id}");
        request.Headers.TryAddWithoutValidation("Origin", Evil);

        using var response = await http.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "evil.example");
        Assert.False(JobsClient.IsFinal(await jobs.GetAsync(id)));
        using var cancel = await http.DeleteAsync(new Uri($"/api/jobs/{id}", UriKind.Relative));
        Assert.True(cancel.IsSuccessStatusCode);
    }

    [Fact]
    public async Task SubmitJob_FromTheServicesOwnOrigin_IsAccepted()
    {
        using var http = _factory.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = Json("""{"workload":"io.sleep","parameters":{"ms":1}}""") };
        request.Headers.TryAddWithoutValidation("Origin", _factory.BaseAddress.GetLeftPart(UriPartial.Authority));
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/experiments/presets/primes-pool?size=small", "application/x-www-form-urlencoded", "a=1")]
    [InlineData("/api/experiments/presets/primes-pool?size=small", "text/plain", "")]
    [InlineData("/api/experiments/claims?size=small", "multipart/form-data; boundary=x", "--x--")]
    [InlineData("/api/experiments/claims?size=small", "text/plain; charset=utf-8", "hello")]
    [InlineData("/dashboard/api/presets/primes-pool?size=small", "text/plain", "")]
    public async Task StartingWork_WithAFormBody_Is415_EvenWithNoOrigin(string path, string contentType, string body)
    {
        using var http = _factory.CreateApiClient();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation("X-Dashboard", "1");

        using var response = await http.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "form");
    }

    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/api/state")]
    [InlineData("/metrics")]
    public async Task LocalOnlyEndpoint_UnderAnotherSitesName_IsRefused_AndUnderLocalhostServed(string path)
    {
        using var http = _factory.CreateApiClient();

        using var rebound = new HttpRequestMessage(HttpMethod.Get, path);
        rebound.Headers.Host = $"evil.example:{_factory.BaseAddress.Port}";
        using var refused = await http.SendAsync(rebound);
        using var local = new HttpRequestMessage(HttpMethod.Get, path);
        local.Headers.Host = $"localhost:{_factory.BaseAddress.Port}";
        using var served = await http.SendAsync(local);

        Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{path} under evil.example answered {(int)refused.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task HangfireDeleteAction_WithoutItsAntiforgeryToken_Is403_AndTheJobRunsOn()
    {
        using var http = _factory.CreateApiClient();
        var jobs = new JobsClient(http);
        var id = await jobs.SubmitAsync(new { workload = "io.sleep", parameters = new { ms = 60_000 } });
        var queueJobId = await QueueJobIdAsync(jobs, id);

        using var response = await http.PostAsync(new Uri("/hangfire/jobs/processing/delete", UriKind.Relative), Form(queueJobId));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(JobsClient.IsFinal(await jobs.GetAsync(id)));
        using var cancel = await http.DeleteAsync(new Uri($"/api/jobs/{id}", UriKind.Relative));
    }

    [Fact]
    public async Task HangfireDeleteAction_FromItsOwnPage_WithItsToken_Works()
    {
        using var browser = new HangfireDashboardBrowser(_factory.BaseAddress);
        var jobs = new JobsClient(browser.Http);
        var id = await jobs.SubmitAsync(new { workload = "io.sleep", parameters = new { ms = 60_000 } });
        var queueJobId = await QueueJobIdAsync(jobs, id);

        using var response = await browser.PostAsync("/hangfire/jobs/processing/delete", [new("jobs[]", queueJobId)]);

        Assert.True(response.IsSuccessStatusCode, $"The dashboard's own delete answered {(int)response.StatusCode}");
        Assert.Equal("cancelled", JobsClient.Status(await jobs.WaitAsync(id)));
    }

    private static async Task<string> QueueJobIdAsync(JobsClient jobs, Guid id)
    {
        var job = await jobs.WaitUntilStartedAsync(id);
        var queue = job["links"]!["queue"]!.GetValue<string>();
        return queue[(queue.LastIndexOf('/') + 1)..];
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string fragment)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(fragment, body, StringComparison.Ordinal);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static FormUrlEncodedContent Form(string queueJobId) => new([new("jobs[]", queueJobId)]);
}
