using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests;

/// <summary>Every task has a record from the moment it is dispatched, and a running task shows its worker while the job runs.</summary>
public sealed class TaskRecordTests
{
    [Fact]
    public async Task GetJob_WhileRunning_ShowsRunningTasksWithTheirWorkerPidAndStart_AndTheRestQueued()
    {
        await using var factory = new ApiFactory(); // two thread workers
        var jobs = new JobsClient(factory.CreateApiClient());
        // Three CPU tasks on two workers: two run, one waits for a worker.
        var id = await jobs.SubmitAsync(new { workload = "cpu.countdown", parameters = new { from = 10_000_000_000L }, tasks = 3 });

        var job = await WaitUntilAsync(jobs, id, j => Tasks(j).Count(t => Status(t) == "running") == 2);
        using (await jobs.Http.DeleteAsync(new Uri($"/api/jobs/{id}", UriKind.Relative)))
        {
        }

        Assert.Equal("running", JobsClient.Status(job));
        var running = Tasks(job).Where(t => Status(t) == "running").ToList();
        Assert.All(running, t =>
        {
            Assert.StartsWith("thread-worker-", t["worker"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(Environment.ProcessId, t["processId"]!.GetValue<int>()); // threads run in the API's process: this one
            Assert.NotNull(t["threadId"]);
            Assert.NotNull(t["startedAt"]);
        });
        Assert.NotEqual(running[0]["threadId"]!.GetValue<long>(), running[1]["threadId"]!.GetValue<long>());
        var queued = Assert.Single(Tasks(job), t => Status(t) == "queued");
        Assert.Null(queued["worker"]);
        Assert.Null(queued["startedAt"]);
    }

    [Fact]
    public async Task CancelJob_BeforeItStarted_MarksEveryTaskNotStarted()
    {
        // A node that only queues: the job stays queued until it is cancelled.
        await using var factory = ApiFactory.With(new Dictionary<string, string?> { ["Node:Workers"] = "false" });
        var jobs = new JobsClient(factory.CreateApiClient());
        var id = await jobs.SubmitAsync(new { workload = "io.sleep", parameters = new { ms = 10 }, tasks = 3 });

        using (var cancel = await jobs.Http.DeleteAsync(new Uri($"/api/jobs/{id}", UriKind.Relative)))
        {
            Assert.True(cancel.IsSuccessStatusCode, $"DELETE answered {(int)cancel.StatusCode}");
        }

        var job = await jobs.GetAsync(id);
        Assert.Equal("cancelled", JobsClient.Status(job));
        Assert.Equal(["notStarted", "notStarted", "notStarted"], Tasks(job).Select(Status));
    }

    [Fact]
    public async Task GetJob_JustSubmitted_HasAQueuedRecordForEveryTask()
    {
        await using var factory = ApiFactory.With(new Dictionary<string, string?> { ["Queue:ThreadsJobsAtOnce"] = "1" });
        var jobs = new JobsClient(factory.CreateApiClient());
        var blocker = await jobs.SubmitAsync(new { workload = "io.sleep", parameters = new { ms = 30_000 } });
        await jobs.WaitUntilStartedAsync(blocker);

        var waiting = await jobs.GetAsync(await jobs.SubmitAsync(new { workload = "cpu.squares", tasks = 4 }));
        using (await jobs.Http.DeleteAsync(new Uri($"/api/jobs/{blocker}", UriKind.Relative)))
        {
        }

        Assert.Equal("queued", JobsClient.Status(waiting));
        Assert.Equal([0, 1, 2, 3], Tasks(waiting).Select(t => t["index"]!.GetValue<int>()));
        Assert.All(Tasks(waiting), t => Assert.Equal("queued", Status(t)));
    }

    private static IEnumerable<JsonNode> Tasks(JsonObject job) => job["taskRuns"]!.AsArray().Select(t => t!);

    private static string Status(JsonNode task) => task["status"]!.GetValue<string>();

    /// <summary>Polls until the condition holds; the limit is a hang guard, not a timing assertion.</summary>
    private static async Task<JsonObject> WaitUntilAsync(JobsClient jobs, Guid id, Func<JsonObject, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var job = await jobs.GetAsync(id);
            if (condition(job))
            {
                return job;
            }

            Assert.False(JobsClient.IsFinal(job), $"Job {id} ended {JobsClient.Status(job)} before the condition held.");
            Assert.True(DateTime.UtcNow < deadline, $"Job {id} never reached the condition.");
            await Task.Delay(20);
        }
    }
}
