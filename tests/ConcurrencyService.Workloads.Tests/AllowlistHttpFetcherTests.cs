using System.Net;
using ConcurrencyService.Workloads.Http;

namespace ConcurrencyService.Workloads.Tests;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes both in IAsyncLifetime.DisposeAsync after each test.")]
public sealed class AllowlistHttpFetcherTests : IAsyncLifetime
{
    private readonly LoopbackServer _server = new();
    private readonly HttpClient _client = new(AllowlistHttpFetcher.CreateHandler());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task GetAsync_AllowedUrl_ReturnsStatusAndByteCount()
    {
        var result = await Fetcher("api/echo/").GetAsync(_server.Url("api/echo/bytes/123457"), CancellationToken.None);

        Assert.Equal(new HttpFetchOutput(200, 123457), result);
    }

    [Fact]
    public async Task GetAsync_ChunkedBody_IsCounted()
    {
        var result = await Fetcher("api/echo/").GetAsync(_server.Url("api/echo/chunked/70000"), CancellationToken.None);

        Assert.Equal(new HttpFetchOutput(200, 70000), result);
    }

    [Fact]
    public async Task GetAsync_NonSuccessStatus_IsReturnedNotThrown()
    {
        var result = await Fetcher("api/echo/").GetAsync(_server.Url("api/echo/status/503"), CancellationToken.None);

        Assert.Equal(new HttpFetchOutput(503, 4), result);
    }

    [Fact]
    public async Task CheckAllowed_UrlOffTheList_IsRefusedNamingTheAllowedBases()
    {
        var fetcher = Fetcher("api/echo/");

        var reason = fetcher.CheckAllowed(_server.Url("admin"));

        Assert.NotNull(reason);
        Assert.Contains(_server.Url("api/echo/").AbsoluteUri, reason, StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => fetcher.GetAsync(_server.Url("admin"), CancellationToken.None));
        Assert.Contains("Refused", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/admin", _server.Requests);
    }

    [Fact]
    public void CheckAllowed_OtherSchemeHostOrPort_IsRefused()
    {
        var fetcher = Fetcher("api/echo/");
        var port = _server.BaseAddress.Port;

        Assert.Null(fetcher.CheckAllowed(new Uri($"HTTP://127.0.0.1:{port}/api/echo/x")));
        Assert.NotNull(fetcher.CheckAllowed(new Uri($"https://127.0.0.1:{port}/api/echo/x")));
        Assert.NotNull(fetcher.CheckAllowed(new Uri($"http://localhost:{port}/api/echo/x")));
        Assert.NotNull(fetcher.CheckAllowed(new Uri($"http://127.0.0.1:{port + 1}/api/echo/x")));
        Assert.NotNull(fetcher.CheckAllowed(new Uri($"ftp://127.0.0.1:{port}/api/echo/x")));
        Assert.NotNull(fetcher.CheckAllowed(new Uri("/api/echo/x", UriKind.Relative)));
    }

    [Fact]
    public void CheckAllowed_EmptyAllowlist_RefusesEverything()
    {
        var fetcher = new AllowlistHttpFetcher(_client, () => []);

        Assert.NotNull(fetcher.CheckAllowed(_server.Url("api/echo/x")));
    }

    [Fact]
    public async Task GetAsync_RedirectToOffListHost_IsRefused()
    {
        var target = Uri.EscapeDataString("http://example.invalid/api/echo/bytes/1");

        var refused = await Assert.ThrowsAsync<HttpRequestException>(
            () => Fetcher("api/echo/").GetAsync(_server.Url($"api/echo/redirect?to={target}"), CancellationToken.None));

        Assert.Contains("redirect", refused.Message, StringComparison.Ordinal);
        Assert.Contains("example.invalid", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_RedirectToOffListPathOnTheSameHost_IsRefused()
    {
        await Assert.ThrowsAsync<HttpRequestException>(
            () => Fetcher("api/echo/").GetAsync(_server.Url("api/echo/redirect?to=%2Fadmin"), CancellationToken.None));

        Assert.DoesNotContain("/admin", _server.Requests);
    }

    [Fact]
    public async Task GetAsync_RelativeRedirectWithinTheList_IsFollowed()
    {
        var result = await Fetcher("api/echo/").GetAsync(_server.Url("api/echo/redirect?to=%2Fapi%2Fecho%2Fbytes%2F10"), CancellationToken.None);

        Assert.Equal(new HttpFetchOutput(200, 10), result);
    }

    [Fact]
    public async Task GetAsync_AbsoluteRedirectWithinTheList_IsFollowed()
    {
        var target = Uri.EscapeDataString(_server.Url("api/echo/bytes/11").AbsoluteUri);

        var result = await Fetcher("api/echo/").GetAsync(_server.Url($"api/echo/redirect?to={target}"), CancellationToken.None);

        Assert.Equal(new HttpFetchOutput(200, 11), result);
    }

    [Fact]
    public async Task GetAsync_MoreThanFiveRedirects_IsRefused()
    {
        var refused = await Assert.ThrowsAsync<HttpRequestException>(
            () => Fetcher("api/echo/").GetAsync(_server.Url("api/echo/loop"), CancellationToken.None));

        Assert.Contains("redirects", refused.Message, StringComparison.Ordinal);
        Assert.Equal(AllowlistHttpFetcher.MaxRedirects + 1, _server.Requests.Count(p => p == "/api/echo/loop"));
    }

    [Theory]
    [InlineData("api/echo")]
    [InlineData("api/echo/")]
    public async Task CheckAllowed_PathPrefix_StopsAtASegmentBoundary(string basePath)
    {
        var fetcher = Fetcher(basePath);

        Assert.Null(fetcher.CheckAllowed(_server.Url("api/echo/delay/5")));
        Assert.NotNull(fetcher.CheckAllowed(_server.Url("api/echoX")));
        Assert.NotNull(fetcher.CheckAllowed(_server.Url("api/echoX/delay/5")));
        Assert.NotNull(fetcher.CheckAllowed(_server.Url("api")));
        await Assert.ThrowsAsync<HttpRequestException>(() => fetcher.GetAsync(_server.Url("api/echoX"), CancellationToken.None));
        Assert.DoesNotContain("/api/echoX", _server.Requests);
    }

    [Fact]
    public void CheckAllowed_BaseWithoutSlash_AllowsTheBaseItself() =>
        Assert.Null(Fetcher("api/echo").CheckAllowed(_server.Url("api/echo")));

    [Fact]
    public void CheckAllowed_UserInfo_IsRefused()
    {
        var url = new Uri($"http://user:secret@127.0.0.1:{_server.BaseAddress.Port}/api/echo/bytes/1");

        var reason = Fetcher("api/echo/").CheckAllowed(url);

        Assert.NotNull(reason);
        Assert.Contains("user", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/echo/%2e%2e/admin")]
    [InlineData("api/echo/%2E%2E%2Fadmin")]
    [InlineData("api/echo/..%5Cadmin")]
    public void CheckAllowed_EncodedDotSegments_AreRefused(string path) =>
        Assert.NotNull(Fetcher("api/echo/").CheckAllowed(new Uri(_server.BaseAddress, path)));

    [Fact]
    public async Task GetAsync_BodyOver64MiB_IsRefused()
    {
        var refused = await Assert.ThrowsAsync<HttpRequestException>(
            () => Fetcher("api/echo/").GetAsync(_server.Url($"api/echo/chunked/{AllowlistHttpFetcher.MaxBodyBytes + 1}"), CancellationToken.None));

        Assert.Contains("64 MiB", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_DeclaredLengthOver64MiB_IsRefusedBeforeReading()
    {
        var refused = await Assert.ThrowsAsync<HttpRequestException>(
            () => Fetcher("api/echo/").GetAsync(_server.Url("api/echo/bytes/1000000000"), CancellationToken.None));

        Assert.Contains("64 MiB", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateHandler_DoesNotFollowRedirects()
    {
        using var handler = Assert.IsType<SocketsHttpHandler>(AllowlistHttpFetcher.CreateHandler());

        Assert.False(handler.AllowAutoRedirect);
        Assert.Equal(TimeSpan.FromMinutes(2), handler.PooledConnectionLifetime);
    }

    [Fact]
    public async Task GetAsync_AllowlistIsReadOnEveryCall()
    {
        var bases = new List<Uri>();
        var fetcher = new AllowlistHttpFetcher(_client, () => bases);
        Assert.NotNull(fetcher.CheckAllowed(_server.Url("api/echo/bytes/1")));

        bases.Add(_server.Url("api/echo/"));

        Assert.Equal(new HttpFetchOutput(200, 1), await fetcher.GetAsync(_server.Url("api/echo/bytes/1"), CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, (HttpStatusCode)(await fetcher.GetAsync(_server.Url("api/echo/bytes/0"), CancellationToken.None)).StatusCode);
    }

    private AllowlistHttpFetcher Fetcher(string basePath) => new(_client, () => [_server.Url(basePath)]);
}
