using System.Net;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests;

/// <summary>
/// Enum values are names only (case-insensitive): no comma lists, which Enum.TryParse would merge into another value,
/// and no numbers. Paging cannot overflow.
/// </summary>
public sealed class StrictInputTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly JobsClient _jobs = new(factory.CreateApiClient());

    [Theory]
    [InlineData("/api/jobs?status=running,succeeded", "status")]
    [InlineData("/api/jobs?status=running, succeeded", "status")]
    [InlineData("/api/jobs?status=2", "status")]
    [InlineData("/api/jobs?executor=threads,processes", "executor")]
    [InlineData("/api/jobs?executor=1", "executor")]
    [InlineData("/api/experiments/presets/primes-pool?size=small,default", "size")]
    public async Task Request_WithACommaListOrANumberForAnEnum_Returns400NamingIt(string url, string field)
    {
        var method = url.StartsWith("/api/experiments/presets", StringComparison.Ordinal) ? "POST" : "GET";
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
        using var response = await _jobs.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JobsClient.ReadProblemAsync(response);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Theory]
    [InlineData("threads,processes")]
    [InlineData("Threads, Processes")]
    [InlineData("1")]
    public async Task SubmitJob_WithAnExecutorThatIsNotOneName_Returns400NamingExecutor(string executor)
    {
        using var response = await _jobs.PostJsonAsync(new JsonObject { ["workload"] = "cpu.squares", ["executor"] = executor }.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JobsClient.ReadProblemAsync(response);
        Assert.Contains("must be one of", problem["errors"]!["executor"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListJobs_WithAnEnumInAnotherCase_Filters()
    {
        var id = (await _jobs.RunAsync(new { workload = "cpu.squares", executor = "THREADS" }))["id"]!.GetValue<Guid>();

        var page = JsonNode.Parse(await _jobs.Http.GetStringAsync(new Uri("/api/jobs?status=Succeeded&executor=Threads&pageSize=500", UriKind.Relative)))!;

        Assert.Contains(page["items"]!.AsArray(), j => j!["id"]!.GetValue<Guid>() == id);
    }

    [Fact]
    public async Task ListJobs_PageFarPastTheEnd_IsEmptyWithTheTrueTotal()
    {
        await _jobs.RunAsync(new { workload = "cpu.squares" });

        var page = JsonNode.Parse(await _jobs.Http.GetStringAsync(new Uri($"/api/jobs?page={int.MaxValue}&pageSize=500", UriKind.Relative)))!;

        Assert.Empty(page["items"]!.AsArray());
        Assert.Equal(int.MaxValue, page["page"]!.GetValue<int>());
        Assert.True(page["total"]!.GetValue<int>() >= 1);
    }
}
