using System.Net;
using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Catalog;

namespace ConcurrencyService.Api.Tests;

public sealed class JobsApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly JobsClient _jobs = new(factory.CreateApiClient());

    [Fact]
    public async Task SubmitJob_PrimesBelowOneMillionOnFourTasks_Returns37550402023WithTaskTimings()
    {
        var job = await _jobs.RunAsync(new { workload = "cpu.primes", parameters = new { below = 1_000_000 }, executor = "threads", tasks = 4 });

        Assert.Equal("succeeded", JobsClient.Status(job));
        Assert.Equal(37_550_402_023L, job["result"]!["sum"]!.GetValue<long>());
        var timings = job["timings"]!;
        Assert.True(timings["queueWaitMs"]!.GetValue<double>() >= 0);
        Assert.True(timings["runTimeMs"]!.GetValue<double>() > 0);
        Assert.True(timings["cpuTimeMs"]!.GetValue<double>() > 0, "CPU time comes from the OS and a primes job uses some.");
        Assert.True(timings["effectiveParallelism"]!.GetValue<double>() > 0);
        var tasks = job["taskRuns"]!.AsArray();
        Assert.Equal(4, tasks.Count);
        Assert.All(tasks, t =>
        {
            Assert.Equal("succeeded", t!["status"]!.GetValue<string>());
            Assert.StartsWith("thread-worker-", t["worker"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(Environment.ProcessId, t["processId"]!.GetValue<int>()); // the thread executor runs in the API process
            Assert.True(t["threadId"]!.GetValue<long>() > 0);
            Assert.True(t["durationMs"]!.GetValue<double>() > 0);
            Assert.NotNull(t["cpuTimeMs"]);
        });
    }

    [Fact]
    public async Task SubmitJob_Valid_Returns202WithLocationAndLinks()
    {
        using var response = await _jobs.PostJsonAsync("""{"workload":"cpu.squares","parameters":{"iterations":10000}}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var id = body["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/jobs/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal($"/api/jobs/{id}", body["links"]!["self"]!.GetValue<string>());
        Assert.Contains(body["status"]!.GetValue<string>(), new[] { "queued", "running", "succeeded" });
        var job = await _jobs.WaitAsync(id);
        Assert.Equal(1, job["tasks"]!.GetValue<int>());
        Assert.Equal(300_000, job["timeoutMs"]!.GetValue<int>());
        Assert.Equal(10_000, job["parameters"]!["iterations"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("cpu.primes", """{"below":200000}""")]
    [InlineData("cpu.sqrt", """{"count":100000}""")]
    [InlineData("cpu.squares", """{"iterations":100001}""")]
    [InlineData("cpu.countdown", """{"from":1000003}""")]
    [InlineData("cpu.montecarlo", """{"paths":20000,"seed":7}""")]
    [InlineData("io.sleep", """{"ms":20}""")]
    [InlineData("io.file", """{"bytes":100000}""")]
    public async Task SubmitJob_FannedOut_ResultEqualsSingleTaskResult(string workload, string parameters)
    {
        var single = await _jobs.RunAsync(new { workload, parameters = JsonNode.Parse(parameters), tasks = 1 });
        var fanned = await _jobs.RunAsync(new { workload, parameters = JsonNode.Parse(parameters), tasks = 5 });

        Assert.Equal("succeeded", JobsClient.Status(single));
        Assert.Equal("succeeded", JobsClient.Status(fanned));
        Assert.Equal(single["result"]!.ToJsonString(), fanned["result"]!.ToJsonString());
        Assert.Equal(5, fanned["taskRuns"]!.AsArray().Count);
    }

    [Fact]
    public async Task SubmitJob_HttpFetchOfOwnEchoEndpoint_Succeeds()
    {
        var echo = new Uri(_jobs.Http.BaseAddress!, "/api/echo/delay/50");
        var job = await _jobs.RunAsync(new { workload = "io.http", parameters = new { url = echo.ToString() }, tasks = 3 });

        Assert.Equal("succeeded", JobsClient.Status(job));
        Assert.Equal(200, job["result"]!["statusCode"]!.GetValue<int>());
        Assert.True(job["result"]!["bytes"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task SubmitJob_ManyConcurrentSleeps_OverlapWithoutHoldingTheTwoWorkerThreads()
    {
        const int Jobs = 300;
        var ids = await Task.WhenAll(Enumerable.Range(0, Jobs).Select(_ => _jobs.SubmitAsync(new { workload = "io.sleep", parameters = new { ms = 1000 } })));
        var jobs = await Task.WhenAll(ids.Select(id => _jobs.WaitAsync(id)));

        Assert.All(jobs, j => Assert.Equal("succeeded", JobsClient.Status(j)));
        var threads = jobs.Select(j => j["taskRuns"]![0]!["threadId"]!.GetValue<long>()).Distinct().Count();
        Assert.True(threads <= 2, $"All tasks started on the 2 worker threads, not {threads}.");
        // One after another they would take 300 s; overlapped, about 1 s. The bound is deliberately loose.
        var first = jobs.Min(j => j["timings"]!["startedAt"]!.GetValue<DateTimeOffset>());
        var last = jobs.Max(j => j["timings"]!["finishedAt"]!.GetValue<DateTimeOffset>());
        Assert.True(last - first < TimeSpan.FromSeconds(60), $"{Jobs} one-second sleeps on 2 threads took {last - first}.");
    }

    [Fact]
    public async Task SubmitJob_CpuTasks_RunOnAtMostTheTwoWorkerThreads()
    {
        var job = await _jobs.RunAsync(new { workload = "cpu.primes", parameters = new { below = 3_000_000 }, tasks = 8 });

        Assert.Equal("succeeded", JobsClient.Status(job));
        var threads = job["taskRuns"]!.AsArray().Select(t => t!["threadId"]!.GetValue<long>()).Distinct().Count();
        Assert.InRange(threads, 1, 2);
    }

    [Fact]
    public async Task SubmitJob_CpuJobWhileAnotherHoldsAWorker_RunsOnTheOtherWorkerThreadAtOnce()
    {
        // Which threads take part in one job is the scheduler's choice: on a loaded machine one worker may take all the
        // tasks before the other gets a core. So the second worker is shown by events instead: while a long CPU loop holds
        // one worker, another CPU job runs to its end on the other thread. With one working thread it would wait for the loop.
        var hold = await _jobs.SubmitAsync(new { workload = "cpu.countdown", parameters = new { from = CountdownWorkload.MaxFrom } });
        var holder = await WaitUntilTaskRunsAsync(hold);

        var other = await _jobs.RunAsync(new { workload = "cpu.squares", parameters = new { iterations = 1000 } });
        var holdAfter = await _jobs.GetAsync(hold);
        await _jobs.Http.DeleteAsync(new Uri($"/api/jobs/{hold}", UriKind.Relative));

        Assert.Equal("succeeded", JobsClient.Status(other));
        Assert.True(JobsClient.Status(holdAfter) == "running", $"The loop should still hold its worker: {holdAfter.ToJsonString()}");
        Assert.NotEqual(holder["threadId"]!.GetValue<long>(), other["taskRuns"]![0]!["threadId"]!.GetValue<long>());
    }

    [Fact]
    public async Task SubmitJob_SleepPastItsTimeout_EndsTimedOut()
    {
        var job = await _jobs.RunAsync(new { workload = "io.sleep", parameters = new { ms = 30_000 }, timeoutMs = 200 });

        Assert.Equal("timedOut", JobsClient.Status(job));
        Assert.Equal("timedOut", job["error"]!["code"]!.GetValue<string>());
        Assert.Contains("200 ms", job["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("cancelled", job["taskRuns"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task CancelJob_Running_StopsItAndEndsCancelled()
    {
        var id = await _jobs.SubmitAsync(new { workload = "io.sleep", parameters = new { ms = 60_000 }, tasks = 3 });
        await _jobs.WaitUntilStartedAsync(id);

        using var response = await _jobs.Http.DeleteAsync(new Uri($"/api/jobs/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var job = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("cancelled", JobsClient.Status(job));
        Assert.All(job["taskRuns"]!.AsArray(), t => Assert.Equal("cancelled", t!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task CancelJob_Finished_Returns409()
    {
        var job = await _jobs.RunAsync(new { workload = "cpu.squares" });

        using var response = await _jobs.Http.DeleteAsync(new Uri($"/api/jobs/{job["id"]}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await JobsClient.ReadProblemAsync(response);
        Assert.Contains("succeeded", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJob_WithWait_AnswersWithTheJobStillRunningWhenTheWaitEnds()
    {
        var id = await _jobs.SubmitAsync(new { workload = "io.sleep", parameters = new { ms = 30_000 } });

        var job = await _jobs.GetAsync(id, waitMs: 300);

        Assert.Contains(JobsClient.Status(job), new[] { "queued", "running" });
        await _jobs.Http.DeleteAsync(new Uri($"/api/jobs/{id}", UriKind.Relative));
    }

    [Fact]
    public async Task GetJob_WithWait_AnswersAsSoonAsTheJobFinishes()
    {
        var id = await _jobs.SubmitAsync(new { workload = "io.sleep", parameters = new { ms = 200 } });

        var job = await _jobs.GetAsync(id, waitMs: 60_000);

        Assert.Equal("succeeded", JobsClient.Status(job));
    }

    [Fact]
    public async Task ListJobs_FilteredByWorkloadAndStatus_PagesNewestFirst()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await _jobs.RunAsync(new { workload = "cpu.countdown", parameters = new { from = 1000 + i } }))["id"]!.GetValue<Guid>());
        }

        var page = JsonNode.Parse(await _jobs.Http.GetStringAsync(new Uri("/api/jobs?workload=cpu.countdown&status=succeeded&executor=threads&page=1&pageSize=2", UriKind.Relative)))!;

        Assert.True(page["total"]!.GetValue<int>() >= 3);
        Assert.Equal(2, page["items"]!.AsArray().Count);
        Assert.All(page["items"]!.AsArray(), j => Assert.Equal("cpu.countdown", j!["workload"]!.GetValue<string>()));
        var newest = page["items"]![0]!["timings"]!["submittedAt"]!.GetValue<DateTimeOffset>();
        var next = page["items"]![1]!["timings"]!["submittedAt"]!.GetValue<DateTimeOffset>();
        Assert.True(newest >= next);
        var none = JsonNode.Parse(await _jobs.Http.GetStringAsync(new Uri("/api/jobs?workload=cpu.countdown&status=failed", UriKind.Relative)))!;
        Assert.Equal(0, none["total"]!.GetValue<int>());
    }

    /// <summary>The job's first task once it runs on a worker thread.</summary>
    private async Task<JsonNode> WaitUntilTaskRunsAsync(Guid id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1); // a hang guard, not a timing assertion
        while (true)
        {
            var job = await _jobs.GetAsync(id);
            if (job["taskRuns"]?.AsArray() is [{ } task, ..] && task["status"]!.GetValue<string>() == "running" && task["threadId"] is not null)
            {
                return task;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Job {id} never started: {job.ToJsonString()}");
            await Task.Delay(20);
        }
    }
}
