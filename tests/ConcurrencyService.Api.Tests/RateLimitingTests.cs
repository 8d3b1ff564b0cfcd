using System.Net;

namespace ConcurrencyService.Api.Tests;

/// <summary>Per-client rate limiting: past the burst a client gets 429 with Retry-After and a complete ProblemDetails; health stays open.</summary>
public sealed class RateLimitingTests
{
    [Fact]
    public async Task Api_PastTheBurst_Returns429WithRetryAfterAndACompleteProblem_WhileHealthAnswers()
    {
        await using var factory = Limited(burst: 3, limitLoopback: true);
        var http = factory.CreateApiClient();
        await AssertAllOkAsync(http, "/api/workloads", 3);

        using var refused = await http.GetAsync(new Uri("/api/executors", UriKind.Relative));
        using var health = await http.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
        var problem = await JobsClient.ReadProblemAsync(refused);
        Assert.Equal(429, problem["status"]!.GetValue<int>());
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(problem["title"]!.GetValue<string>()));
        Assert.Contains("RateLimiting:PermitsPerPeriod", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Api_FromLoopback_IsNotLimitedByDefault()
    {
        await using var factory = Limited(burst: 1, limitLoopback: false);

        await AssertAllOkAsync(factory.CreateApiClient(), "/api/workloads", 5);
    }

    [Fact]
    public async Task Echo_IsNotLimited_SoIoHttpJobsCanFetchTheServerItself()
    {
        await using var factory = Limited(burst: 1, limitLoopback: true);

        await AssertAllOkAsync(factory.CreateApiClient(), "/api/echo/delay/0", 5);
    }

    // A bucket that refills once in ten minutes: nothing is given back while a test runs.
    private static ApiFactory Limited(int burst, bool limitLoopback) => ApiFactory.With(new Dictionary<string, string?>
    {
        ["RateLimiting:LimitLoopback"] = limitLoopback ? "true" : "false",
        ["RateLimiting:BurstLimit"] = burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:PermitsPerPeriod"] = "1",
        ["RateLimiting:Period"] = "00:10:00",
    });

    private static async Task AssertAllOkAsync(HttpClient http, string url, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var response = await http.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
