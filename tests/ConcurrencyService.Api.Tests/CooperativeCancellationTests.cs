using System.Net;
using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Catalog;

namespace ConcurrencyService.Api.Tests;

/// <summary>
/// A CPU loop that checks its cancellation (<c>cpu.countdown</c>, every 2^16 steps) stops at its checkpoint when its job
/// times out or is cancelled: each task ends cancelled by its own hand (measured by the piece runner, no error) and no
/// worker thread is abandoned. A loop that stopped checking would be abandoned after the executor's grace and fail here.
/// </summary>
/// <remarks>
/// The server gives a cancelled task the longest grace the options allow (10 s rather than 100 ms), so that on a loaded
/// machine a worker thread merely waiting for a core is never mistaken for one that ignores its cancellation.
/// </remarks>
public sealed class CooperativeCancellationTests(CooperativeCancellationTests.Server server) : IClassFixture<CooperativeCancellationTests.Server>
{
    private readonly JobsClient _jobs = new(server.Factory.CreateApiClient());

    [Fact]
    public async Task SubmitJob_CpuLoopPastItsTimeout_StopsAtItsCheckpointAndEndsTimedOut()
    {
        // 10^10 steps in two tasks take seconds on any CPU, far past the 500 ms timeout.
        var job = await _jobs.RunAsync(new { workload = "cpu.countdown", parameters = new { from = CountdownWorkload.MaxFrom }, tasks = 2, timeoutMs = 500 });

        Assert.Equal("timedOut", JobsClient.Status(job));
        var runs = job["taskRuns"]!.AsArray();
        // The timeout counts from the first task's start; on a loaded machine the second may not have started by then.
        Assert.Contains(runs, t => t!["status"]!.GetValue<string>() == "cancelled");
        Assert.All(runs.Where(t => t!["status"]!.GetValue<string>() != "notStarted"), t => AssertStoppedAtItsCheckpoint(t!));
        await AssertNoThreadAbandonedAsync();
    }

    [Fact]
    public async Task CancelJob_RunningCpuLoop_StopsAtItsCheckpointAndEndsCancelled()
    {
        var id = await _jobs.SubmitAsync(new { workload = "cpu.countdown", parameters = new { from = CountdownWorkload.MaxFrom }, tasks = 2 });
        await WaitUntilEveryTaskRunsAsync(id);

        using var response = await _jobs.Http.DeleteAsync(new Uri($"/api/jobs/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var job = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("cancelled", JobsClient.Status(job));
        Assert.All(job["taskRuns"]!.AsArray(), t => AssertStoppedAtItsCheckpoint(t!));
        await AssertNoThreadAbandonedAsync();
    }

    // An abandoned task is reported cancelled too, but with an error saying so and no CPU time: only the piece runner,
    // which the task reaches by throwing at its checkpoint, measures the CPU time and leaves the error empty.
    private static void AssertStoppedAtItsCheckpoint(JsonNode task)
    {
        Assert.Equal("cancelled", task["status"]!.GetValue<string>());
        Assert.True(task["error"] is null, $"the task did not stop by itself: {task["error"]}");
        Assert.NotNull(task["cpuTimeMs"]);
    }

    private async Task AssertNoThreadAbandonedAsync()
    {
        var threads = JsonNode.Parse(await _jobs.Http.GetStringAsync(new Uri("/api/executors", UriKind.Relative)))!.AsArray()
            .Single(e => e!["name"]!.GetValue<string>() == "threads")!;
        Assert.Equal(0, threads["abandonedWorkers"]!.GetValue<long>());
        Assert.DoesNotContain(threads["workers"]!.AsArray(), w => w!["state"]!.GetValue<string>() == "abandoned");
    }

    private async Task WaitUntilEveryTaskRunsAsync(Guid id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1); // a hang guard, not a timing assertion
        while (true)
        {
            var job = await _jobs.GetAsync(id);
            if (job["taskRuns"]!.AsArray() is { Count: 2 } runs && runs.All(t => t!["status"]!.GetValue<string>() == "running"))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The tasks never all started: {job.ToJsonString()}");
            await Task.Delay(20);
        }
    }

    /// <summary>The app with a 10 s cancel grace for the thread executor.</summary>
    public sealed class Server : IDisposable
    {
        public ApiFactory Factory { get; } = ApiFactory.With(new Dictionary<string, string?> { ["Executors:Threads:CancelGrace"] = "00:00:10" });

        public void Dispose() => Factory.Dispose();
    }
}
