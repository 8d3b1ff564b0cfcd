using System.Net;

namespace ConcurrencyService.Api.Tests;

/// <summary>Jobs under the emulated GIL: CPU tasks take turns, IO waits still overlap. Bounds are generous: machines are small and noisy.</summary>
public sealed class GilTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly JobsClient _jobs = new(factory.CreateApiClient());

    [Fact]
    public async Task SubmitJob_CpuTasksUnderGil_TakeTurns_EffectiveParallelismNearOne()
    {
        var job = await _jobs.RunAsync(new { workload = "cpu.primes", parameters = new { below = 1_000_000 }, tasks = 2, gil = true });

        Assert.Equal("succeeded", JobsClient.Status(job));
        Assert.Equal(37_550_402_023L, job["result"]!["sum"]!.GetValue<long>());
        Assert.True(job["gil"]!.GetValue<bool>());
        var parallelism = job["timings"]!["effectiveParallelism"]!.GetValue<double>();
        Assert.True(parallelism < 1.3, $"under the GIL two CPU tasks on two workers run one at a time; effective parallelism {parallelism}");
        Assert.True(job["timings"]!["gilWaitMs"]!.GetValue<double>() > 0, "one task waited for the other's GIL");
        Assert.All(job["taskRuns"]!.AsArray(), t => Assert.NotNull(t!["gilWaitMs"]));
    }

    [Fact]
    public async Task SubmitJob_SleepsUnderGil_StillOverlap()
    {
        // Four 1 s sleeps: about 4 if they overlap, at most 1 if each held the GIL. Long sleeps keep a loaded machine's late
        // starts and wake-ups (which stretch the job's run time) small beside them; 200 ms ones left only 333 ms of slack.
        var job = await _jobs.RunAsync(new { workload = "io.sleep", parameters = new { ms = 1000 }, tasks = 4, gil = true });

        Assert.Equal("succeeded", JobsClient.Status(job));
        var parallelism = job["timings"]!["effectiveParallelism"]!.GetValue<double>();
        Assert.True(parallelism > 1.5, $"sleeps release the GIL and overlap; effective parallelism {parallelism}");
    }

    [Theory]
    [InlineData("cpu.sqrt", """{"count":300000}""")]
    [InlineData("cpu.squares", """{"iterations":300001}""")]
    [InlineData("cpu.countdown", """{"from":3000003}""")]
    [InlineData("cpu.montecarlo", """{"paths":20000,"seed":3}""")]
    [InlineData("mixed", """{"cpuMs":3,"waitMs":3,"rounds":11}""")]
    [InlineData("io.file", """{"bytes":300000}""")]
    [InlineData("io.http", null)]
    public async Task SubmitJob_UnderGil_GivesTheSameResultAsWithout(string workload, string? parameters)
    {
        var json = parameters is null
            ? new System.Text.Json.Nodes.JsonObject { ["url"] = new Uri(_jobs.Http.BaseAddress!, "/api/echo/delay/20").ToString() }
            : System.Text.Json.Nodes.JsonNode.Parse(parameters);
        var plain = await _jobs.RunAsync(new { workload, parameters = json, tasks = 5 });
        var underGil = await _jobs.RunAsync(new { workload, parameters = json, tasks = 5, gil = true });

        Assert.Equal("succeeded", JobsClient.Status(underGil));
        Assert.Equal(plain["result"]!.ToJsonString(), underGil["result"]!.ToJsonString());
    }

    [Fact]
    public async Task SubmitJob_WithoutGil_SaysSo()
    {
        var job = await _jobs.RunAsync(new { workload = "cpu.squares" });

        Assert.False(job["gil"]!.GetValue<bool>());
        Assert.Null(job["timings"]!["gilWaitMs"]);
    }

    [Theory]
    [InlineData("""{"workload":"cpu.primes","executor":"processes","gil":true}""", "'gil' applies to the 'threads' executor only")]
    [InlineData("""{"workload":"cpu.primes","gil":"yes"}""", "'gil' must be true or false")]
    public async Task SubmitJob_WithBadGil_Returns400NamingGil(string body, string fragment)
    {
        using var response = await _jobs.PostJsonAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JobsClient.ReadProblemAsync(response);
        Assert.Contains(fragment, problem["errors"]!["gil"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
