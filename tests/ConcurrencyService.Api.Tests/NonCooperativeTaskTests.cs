using System.Net;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests;

/// <summary>
/// A threads task that ignores cancellation (<c>debug.hang</c> blocks its thread) must not hold its job: the job ends
/// cancelled or timed out when asked, and the thread is abandoned and replaced so the pool keeps its size.
/// </summary>
public sealed class NonCooperativeTaskTests
{
    // Far longer than any wait below, so a job that ends did not end because the hang did.
    private const int HangMs = 60_000;

    [Fact]
    public async Task SubmitJob_NonCooperativeThreadsTaskPastItsTimeout_EndsTimedOut_AndItsThreadIsReplaced()
    {
        await using var factory = FaultFactory();
        var jobs = new JobsClient(factory.CreateApiClient());

        var job = await jobs.WaitAsync(await jobs.SubmitAsync(new { workload = "debug.hang", parameters = new { ms = HangMs }, timeoutMs = 300 }), TimeSpan.FromSeconds(HangMs / 2000));

        Assert.Equal("timedOut", JobsClient.Status(job));
        var task = job["taskRuns"]![0]!;
        Assert.Equal("cancelled", task["status"]!.GetValue<string>());
        Assert.Contains("abandoned and replaced", task["error"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertOneThreadAbandonedAndPoolFullAsync(jobs, task["worker"]!.GetValue<string>());
        // The replacement works: a CPU job still runs on two workers.
        Assert.Equal("succeeded", JobsClient.Status(await jobs.RunAsync(new { workload = "cpu.squares", tasks = 2 })));
    }

    [Fact]
    public async Task CancelJob_NonCooperativeThreadsTask_EndsCancelled_AndItsThreadIsReplaced()
    {
        await using var factory = FaultFactory();
        var jobs = new JobsClient(factory.CreateApiClient());
        var id = await jobs.SubmitAsync(new { workload = "debug.hang", parameters = new { ms = HangMs } });
        var running = await jobs.WaitUntilStartedAsync(id);
        Assert.Equal("running", JobsClient.Status(running));

        using var response = await jobs.Http.DeleteAsync(new Uri($"/api/jobs/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // it stopped before the DELETE answered
        var job = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("cancelled", JobsClient.Status(job));
        await AssertOneThreadAbandonedAndPoolFullAsync(jobs, job["taskRuns"]![0]!["worker"]!.GetValue<string>());
    }

    private static ApiFactory FaultFactory() => ApiFactory.With(new Dictionary<string, string?> { ["Diagnostics:FaultWorkloads"] = "true" });

    private static async Task AssertOneThreadAbandonedAndPoolFullAsync(JobsClient jobs, string abandonedWorker)
    {
        var threads = JsonNode.Parse(await jobs.Http.GetStringAsync(new Uri("/api/executors", UriKind.Relative)))!.AsArray()
            .Single(e => e!["name"]!.GetValue<string>() == "threads")!;
        Assert.Equal(1, threads["abandonedWorkers"]!.GetValue<long>());
        Assert.Equal(2, threads["workerCount"]!.GetValue<int>()); // replaced: the pool keeps its two workers
        var workers = threads["workers"]!.AsArray();
        var abandoned = Assert.Single(workers, w => w!["state"]!.GetValue<string>() == "abandoned")!;
        Assert.Equal(abandonedWorker, abandoned["name"]!.GetValue<string>());
        Assert.DoesNotContain(workers, w => w!["state"]!.GetValue<string>() != "abandoned" && w["name"]!.GetValue<string>() == abandonedWorker);
    }
}
