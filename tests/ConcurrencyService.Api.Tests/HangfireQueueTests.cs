using System.Net;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ConcurrencyService.Api.Tests;

/// <summary>Hangfire as the queue: its dashboard, and its view of each job agreeing with the service's.</summary>
public sealed class HangfireQueueTests
{
    // Nothing listens on port 9 here, so an io.http fetch from it fails at once: a real failed workload.
    private const string Unreachable = "http://127.0.0.1:9/";

    [Fact]
    public async Task Dashboard_IsServedToALocalClient_WithTheJobsNamedAfterTheirWorkload()
    {
        await using var factory = new ApiFactory();
        var jobs = new JobsClient(factory.CreateApiClient());
        var job = await jobs.RunAsync(new { workload = "cpu.primes", parameters = new { below = 100_000 }, tasks = 4 });

        var page = await jobs.Http.GetStringAsync(new Uri(job["links"]!["queue"]!.GetValue<string>(), UriKind.Relative));
        var succeeded = await jobs.Http.GetStringAsync(new Uri("/hangfire/jobs/succeeded", UriKind.Relative));

        Assert.Contains("ConcurrencyService", page, StringComparison.Ordinal);
        Assert.Contains("cpu.primes &#215;4 on threads", succeeded, StringComparison.Ordinal);
        Assert.Contains("Succeeded", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_IsRefusedToANonLocalClient()
    {
        // The request still travels through Kestrel; only the address it seems to come from is a remote one.
        await using var factory = RemoteClientFilter.Server(new Dictionary<string, string?>());
        var http = factory.CreateApiClient();

        using var dashboard = await http.GetAsync(new Uri("/hangfire", UriKind.Relative));
        using var api = await http.GetAsync(new Uri("/api/workloads", UriKind.Relative));

        Assert.True(dashboard.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"got {(int)dashboard.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task SubmitJob_WorkloadThatFails_IsNotRetried_AndEndsFailedInHangfireWithTheReason()
    {
        await using var factory = ApiFactory.With(new Dictionary<string, string?> { ["Workloads:Http:AllowedBaseUrls:0"] = Unreachable });
        var jobs = new JobsClient(factory.CreateApiClient());

        var job = await jobs.RunAsync(new { workload = "io.http", parameters = new { url = Unreachable } });

        Assert.Equal("failed", JobsClient.Status(job));
        Assert.Equal("taskFailed", job["error"]!["code"]!.GetValue<string>());
        var history = await HistoryAsync(factory, job);
        Assert.Equal(["Enqueued", "Processing", "Failed"], history.Select(h => h.StateName));
        Assert.Contains("taskFailed", history[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HangfireState_AgreesWithEachJobsStatus()
    {
        await using var factory = ApiFactory.With(new Dictionary<string, string?> { ["Diagnostics:FaultWorkloads"] = "true" });
        var jobs = new JobsClient(factory.CreateApiClient());

        var succeeded = await jobs.RunAsync(new { workload = "cpu.squares" });
        var timedOut = await jobs.RunAsync(new { workload = "io.sleep", parameters = new { ms = 30_000 }, timeoutMs = 200 });
        var running = await jobs.SubmitAsync(new { workload = "io.sleep", parameters = new { ms = 30_000 } });
        await jobs.WaitUntilStartedAsync(running);
        using (await jobs.Http.DeleteAsync(new Uri($"/api/jobs/{running}", UriKind.Relative)))
        {
        }

        var cancelled = await jobs.WaitAsync(running);

        Assert.Equal("Succeeded", (await HistoryAsync(factory, succeeded))[^1].StateName);
        Assert.Equal("timedOut", JobsClient.Status(timedOut));
        var timeout = (await HistoryAsync(factory, timedOut))[^1];
        Assert.Equal("Failed", timeout.StateName);
        Assert.Contains("timeoutMs of 200 ms", timeout.Reason, StringComparison.Ordinal);
        Assert.Equal("cancelled", JobsClient.Status(cancelled));
        Assert.Equal("Deleted", (await HistoryAsync(factory, cancelled))[^1].StateName);
    }

    [Fact]
    public async Task CancelJob_QueuedBehindABusyQueue_IsDeletedFromHangfireAndNeverStarts()
    {
        await using var factory = ApiFactory.With(new Dictionary<string, string?> { ["Queue:ThreadsJobsAtOnce"] = "1" });
        var jobs = new JobsClient(factory.CreateApiClient());
        var blocker = await jobs.SubmitAsync(new { workload = "io.sleep", parameters = new { ms = 30_000 } });
        await jobs.WaitUntilStartedAsync(blocker);
        var waiting = await jobs.SubmitAsync(new { workload = "cpu.squares" });

        using var response = await jobs.Http.DeleteAsync(new Uri($"/api/jobs/{waiting}", UriKind.Relative));
        using (await jobs.Http.DeleteAsync(new Uri($"/api/jobs/{blocker}", UriKind.Relative)))
        {
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var job = await jobs.WaitAsync(waiting);
        Assert.Equal("cancelled", JobsClient.Status(job));
        Assert.Null(job["timings"]!["startedAt"]);
        Assert.Equal(["Enqueued", "Deleted"], (await HistoryAsync(factory, job)).Select(h => h.StateName));
    }

    [Fact]
    public async Task DashboardRequeue_PutsTheEntryBackOnItsOwnQueue_WhereItRunsAgain()
    {
        await using var factory = new ApiFactory();
        var jobs = new JobsClient(factory.CreateApiClient());
        var job = await jobs.RunAsync(new { workload = "cpu.squares" });
        var queueId = job["links"]!["queue"]!.GetValue<string>().Split('/')[^1];
        var before = (await HistoryAsync(factory, job)).Count;

        using var browser = new HangfireDashboardBrowser(factory.BaseAddress);
        using (var requeue = await browser.PostAsync($"/hangfire/jobs/actions/requeue/{queueId}", []))
        {
            Assert.True(requeue.IsSuccessStatusCode, $"Requeue answered {(int)requeue.StatusCode}");
        }

        // Run again from its own queue (the job itself had finished, so the run only reports its outcome), never left on 'default'.
        var monitoring = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        List<Hangfire.Storage.Monitoring.StateHistoryDto> history;
        do
        {
            Assert.True(DateTime.UtcNow < deadline, "The requeued entry never ran.");
            await Task.Delay(50);
            history = [.. monitoring.JobDetails(queueId).History.Reverse()];
        }
        while (history.Count < before + 3);

        var again = history[before..];
        Assert.Equal(["Enqueued", "Processing", "Succeeded"], again.Select(h => h.StateName));
        Assert.Equal("threads", again[0].Data["Queue"]);
        Assert.Equal("succeeded", JobsClient.Status(await jobs.GetAsync(job["id"]!.GetValue<Guid>())));
    }

    /// <summary>
    /// The job's Hangfire states, oldest first, once the last is final: Hangfire records the outcome just after the run
    /// returns, a moment after the service's record is final. Waiting for it is a hang guard, not a timing assertion.
    /// </summary>
    private static async Task<List<Hangfire.Storage.Monitoring.StateHistoryDto>> HistoryAsync(ApiFactory factory, JsonObject job)
    {
        var queueId = job["links"]!["queue"]!.GetValue<string>().Split('/')[^1];
        var monitoring = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            List<Hangfire.Storage.Monitoring.StateHistoryDto> history = [.. monitoring.JobDetails(queueId).History.Reverse()]; // newest first there
            if (history[^1].StateName is "Succeeded" or "Failed" or "Deleted" || DateTime.UtcNow > deadline)
            {
                return history;
            }

            await Task.Delay(20);
        }
    }
}
