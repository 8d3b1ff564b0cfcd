using System.Net;

namespace ConcurrencyService.Api.Tests;

/// <summary>Per-client rate limiting: past the burst a client gets 429 with Retry-After and a complete ProblemDetails; health stays open.</summary>
public sealed class RateLimitingTests
{
    [Fact]
    public async Task Api_PastTheBurst_Returns429WithRetryAfterAndACompleteProblem_WhileHealthAnswers()
    {
        await using var factory = ApiFactory.With(new Dictionary<string, string?>
        {
            ["RateLimiting:LimitLoopback"] = "true",
            ["RateLimiting:BurstLimit"] = "3",
            ["RateLimiting:PermitsPerPeriod"] = "1",
            ["RateLimiting:Period"] = "00:10:00",
        });
        var http = factory.CreateApiClient();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await http.GetAsync(new Uri("/api/workloads", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

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
        await using var factory = ApiFactory.With(new Dictionary<string, string?>
        {
            ["RateLimiting:BurstLimit"] = "1",
            ["RateLimiting:PermitsPerPeriod"] = "1",
            ["RateLimiting:Period"] = "00:10:00",
        });
        var http = factory.CreateApiClient();

        for (var i = 0; i < 5; i++)
        {
            using var response = await http.GetAsync(new Uri("/api/workloads", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Echo_IsNotLimited_SoIoHttpJobsCanFetchTheServerItself()
    {
        await using var factory = ApiFactory.With(new Dictionary<string, string?>
        {
            ["RateLimiting:LimitLoopback"] = "true",
            ["RateLimiting:BurstLimit"] = "1",
            ["RateLimiting:PermitsPerPeriod"] = "1",
            ["RateLimiting:Period"] = "00:10:00",
        });
        var http = factory.CreateApiClient();

        for (var i = 0; i < 5; i++)
        {
            using var response = await http.GetAsync(new Uri("/api/echo/delay/0", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
