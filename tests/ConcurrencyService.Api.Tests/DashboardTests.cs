using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests;

/// <summary><c>/dashboard</c> over real HTTP: the page and its assets from the build output, its state JSON, and the dashboards' access rule.</summary>
public sealed class DashboardTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Dashboard_ServesThePageAndItsOwnAssets_FromNoOtherOrigin()
    {
        var http = factory.CreateApiClient();

        var page = await http.GetStringAsync(new Uri("/dashboard", UriKind.Relative));
        using var script = await http.GetAsync(new Uri("/dashboard/assets/dashboard.js", UriKind.Relative));
        using var style = await http.GetAsync(new Uri("/dashboard/assets/dashboard.css", UriKind.Relative));
        using var unknown = await http.GetAsync(new Uri("/dashboard/assets/appsettings.json", UriKind.Relative));

        Assert.Contains("<script src=\"/dashboard/assets/dashboard.js\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/dashboard/api/state", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task DashboardState_ShowsTheExecutors_AndAFinishedJobWithItsTimings_AndItsLastMinute()
    {
        var jobs = new JobsClient(factory.CreateApiClient());
        var id = await jobs.SubmitAsync(new { workload = "io.sleep", parameters = new { ms = 20 }, executor = "threads", tasks = 2 });
        await jobs.WaitAsync(id);

        var state = JsonNode.Parse(await jobs.Http.GetStringAsync(new Uri("/dashboard/api/state?jobs=100", UriKind.Relative)))!;

        var executors = state["executors"]!.AsArray();
        Assert.Equal(["threads", "processes"], executors.Select(e => e!["info"]!["name"]!.GetValue<string>()));
        var threads = executors[0]!;
        Assert.Equal(2, threads["info"]!["workers"]!.AsArray().Count);
        Assert.True(threads["lastMinute"]!["finished"]!.GetValue<int>() >= 1);
        Assert.NotNull(threads["lastMinute"]!["runTimeP99Ms"]);
        var job = state["jobs"]!.AsArray().Single(j => j!["id"]!.GetValue<Guid>() == id)!;
        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
        // The 20 ms sleep, measured on the precise monotonic clock: a timer may end it a little early (TimerTick.Early).
        Assert.True(job["runTimeMs"]!.GetValue<double>() >= TimerTick.AtLeastMs(20), $"Ran {job["runTimeMs"]} ms for a 20 ms sleep.");
        Assert.NotNull(job["queueWaitMs"]);
        Assert.NotNull(job["effectiveParallelism"]);
        Assert.Equal($"/api/jobs/{id}", job["link"]!.GetValue<string>());
        Assert.Contains(state["presets"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "primes-pool");
    }

    [Theory]
    [InlineData("/dashboard/api/state?jobs=0")]
    [InlineData("/dashboard/api/state?jobs=101")]
    [InlineData("/dashboard/api/state?jobs=many")]
    public async Task DashboardState_WithABadJobCount_Returns400(string path)
    {
        using var response = await factory.CreateApiClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task StartPreset_WithoutTheDashboardsHeader_Returns400_AndAnUnknownPreset404()
    {
        var http = factory.CreateApiClient();

        using var bare = await http.PostAsync(new Uri("/dashboard/api/presets/primes-pool?size=small", UriKind.Relative), null);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/dashboard/api/presets/no-such-preset", UriKind.Relative));
        request.Headers.Add("X-Dashboard", "1");
        using var unknown = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Contains("X-Dashboard", (await JobsClient.ReadProblemAsync(bare))["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Dashboard_FromAnotherMachine_IsRefusedWithoutAKey_AndServedWithOneAsTheBasicPassword()
    {
        const string key = "dashboard-key-0123456789";
        await using var open = RemoteClientFilter.Server(new Dictionary<string, string?>());
        await using var keyed = RemoteClientFilter.Server(new Dictionary<string, string?> { ["Auth:ApiKeys:0"] = key });
        var http = keyed.CreateApiClient();

        using var noKeysConfigured = await open.CreateApiClient().GetAsync(new Uri("/dashboard", UriKind.Relative));
        using var withoutKey = await http.GetAsync(new Uri("/dashboard/api/state", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/dashboard/api/state", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"anyone:{key}")));
        using var withKey = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, noKeysConfigured.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.StartsWith("Basic", withoutKey.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
    }
}
