using System.Net;
using System.Text.Json.Nodes;
using ConcurrencyService.Core.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ConcurrencyService.Api.Tests;

/// <summary>The bounded queue, cancelling queued work, and retention, each on a server configured for it.</summary>
public sealed class QueueTests
{
    // Long enough to hold the only worker until the test cancels it (~10 s uncancelled); the timeout is a safety net.
    private static readonly object Blocker = new { workload = "cpu.countdown", parameters = new { from = 10_000_000_000 }, timeoutMs = 60_000 };

    [Fact]
    public async Task SubmitJob_PastQueueCapacity_Returns429WithRetryAfter_AndLosesNothingAccepted()
    {
        await using var factory = ApiFactory.With(new Dictionary<string, string?>
        {
            ["Executors:Threads:Workers"] = "1",
            ["Queue:Capacity"] = "2",
            ["Queue:RetryAfterSeconds"] = "3",
        });
        var jobs = new JobsClient(factory.CreateApiClient());
        var blocker = await jobs.SubmitAsync(Blocker);
        await jobs.WaitUntilStartedAsync(blocker);
        var queued = new[]
        {
            await jobs.SubmitAsync(new { workload = "cpu.squares" }),
            await jobs.SubmitAsync(new { workload = "cpu.squares" }),
        };

        using var refused = await jobs.PostJsonAsync("""{"workload":"cpu.squares"}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), refused.Headers.RetryAfter?.Delta);
        var problem = await JobsClient.ReadProblemAsync(refused);
        Assert.Contains("capacity", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var executors = JsonNode.Parse(await jobs.Http.GetStringAsync(new Uri("/api/executors", UriKind.Relative)))!.AsArray();
        Assert.Equal(2, executors.First(e => e!["name"]!.GetValue<string>() == "threads")!["queueDepth"]!.GetValue<int>());

        using var cancel = await jobs.Http.DeleteAsync(new Uri($"/api/jobs/{blocker}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        foreach (var id in queued)
        {
            Assert.Equal("succeeded", JobsClient.Status(await jobs.WaitAsync(id)));
        }

        // Capacity is free again once the queue drains.
        Assert.Equal("succeeded", JobsClient.Status(await jobs.RunAsync(new { workload = "cpu.squares" })));
    }

    [Fact]
    public async Task CancelJob_QueuedBehindBusyWorker_EndsCancelledWithoutStarting()
    {
        await using var factory = ApiFactory.With(new Dictionary<string, string?> { ["Executors:Threads:Workers"] = "1" });
        var jobs = new JobsClient(factory.CreateApiClient());
        var blocker = await jobs.SubmitAsync(Blocker);
        await jobs.WaitUntilStartedAsync(blocker);
        var waiting = await jobs.SubmitAsync(new { workload = "cpu.squares", tasks = 3 });
        Assert.Equal("queued", JobsClient.Status(await jobs.GetAsync(waiting)));

        using var response = await jobs.Http.DeleteAsync(new Uri($"/api/jobs/{waiting}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var job = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("cancelled", job["status"]!.GetValue<string>());
        Assert.Null(job["timings"]!["startedAt"]);
        await jobs.Http.DeleteAsync(new Uri($"/api/jobs/{blocker}", UriKind.Relative));
        var settled = await jobs.WaitAsync(waiting);
        Assert.Equal("cancelled", JobsClient.Status(settled)); // the tasks that were waiting for the worker never ran
        Assert.All(settled["taskRuns"]!.AsArray(), t => Assert.NotEqual("succeeded", t!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Retention_KeepsOnlyTheConfiguredNumberOfFinishedJobs_AndAnswers410ForTheRemoved()
    {
        await using var factory = ApiFactory.With(new Dictionary<string, string?>
        {
            ["Jobs:RetainFinishedJobs"] = "3",
            ["Jobs:RetentionInterval"] = "00:00:00.050",
        });
        var jobs = new JobsClient(factory.CreateApiClient());
        var ids = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add((await jobs.RunAsync(new { workload = "cpu.squares" }))["id"]!.GetValue<Guid>());
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        int total;
        do
        {
            await Task.Delay(100);
            total = JsonNode.Parse(await jobs.Http.GetStringAsync(new Uri("/api/jobs", UriKind.Relative)))!["total"]!.GetValue<int>();
        }
        while (total > 3 && DateTime.UtcNow < deadline);

        Assert.Equal(3, total);
        using var oldest = await jobs.Http.GetAsync(new Uri($"/api/jobs/{ids[0]}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Gone, oldest.StatusCode);
        Assert.Equal("application/problem+json", oldest.Content.Headers.ContentType?.MediaType);
        Assert.Contains("removed by retention", await oldest.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var cancel = await jobs.Http.DeleteAsync(new Uri($"/api/jobs/{ids[0]}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Gone, cancel.StatusCode);
        using var unknown = await jobs.Http.GetAsync(new Uri($"/api/jobs/{Guid.NewGuid()}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("succeeded", JobsClient.Status(await jobs.GetAsync(ids[^1])));
    }

    [Fact]
    public async Task Retention_RemovesFinishedJobsOlderThanTheRetentionTime()
    {
        await using var factory = ApiFactory.With(new Dictionary<string, string?>
        {
            ["Jobs:RetainFinishedFor"] = "00:00:00.200",
            ["Jobs:RetentionInterval"] = "00:00:00.050",
        });
        var jobs = new JobsClient(factory.CreateApiClient());
        var finished = (await jobs.RunAsync(new { workload = "cpu.squares" }))["id"]!.GetValue<Guid>();
        var running = await jobs.SubmitAsync(new { workload = "io.sleep", parameters = new { ms = 60_000 } });

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        HttpStatusCode status;
        do
        {
            await Task.Delay(100);
            using var response = await jobs.Http.GetAsync(new Uri($"/api/jobs/{finished}", UriKind.Relative));
            status = response.StatusCode;
        }
        while (status != HttpStatusCode.Gone && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Equal("running", JobsClient.Status(await jobs.GetAsync(running))); // unfinished jobs are never pruned
        await jobs.Http.DeleteAsync(new Uri($"/api/jobs/{running}", UriKind.Relative));
    }

    [Fact]
    public async Task Shutdown_CancelsRunningJobsAfterTheGrace_AndRecordsWhy()
    {
        await using var factory = ApiFactory.With(new Dictionary<string, string?> { ["Queue:ShutdownGraceSeconds"] = "0" });
        var jobs = new JobsClient(factory.CreateApiClient());
        var id = await jobs.SubmitAsync(new { workload = "io.sleep", parameters = new { ms = 120_000 }, timeoutMs = 120_000 });
        await jobs.WaitUntilStartedAsync(id);
        var lifetime = factory.Services.GetRequiredService<IHostApplicationLifetime>();
        var store = factory.Services.GetRequiredService<IJobStore>();

        lifetime.StopApplication();

        // The host's own stop timeout is 30 s: a job still running then (the 120 s sleep) would never be finished.
        await Task.Delay(Timeout.Infinite, lifetime.ApplicationStopped).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(60));
        var job = await store.FindAsync(id, CancellationToken.None);
        Assert.Equal(JobStatus.Failed, job!.Status);
        Assert.Equal("shutdown", job.Error?.Code);
    }
}
