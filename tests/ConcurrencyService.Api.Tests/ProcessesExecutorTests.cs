using System.Net;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests;

public sealed class ProcessesExecutorTests(ProcessesApiFactory app) : IClassFixture<ProcessesApiFactory>
{
    private readonly JobsClient _jobs = app.Jobs;

    [Fact]
    public async Task SubmitJob_PrimesOnProcesses_Returns37550402023FromWorkerProcessesThatAreNotTheApi()
    {
        var job = await _jobs.RunAsync(new { workload = "cpu.primes", parameters = new { below = 1_000_000 }, executor = "processes", tasks = 4 });

        Assert.Equal("succeeded", JobsClient.Status(job));
        Assert.Equal(37_550_402_023L, job["result"]!["sum"]!.GetValue<long>());
        var tasks = job["taskRuns"]!.AsArray();
        var runTimeMs = job["timings"]!["runTimeMs"]!.GetValue<double>();
        Assert.All(tasks, t =>
        {
            var pid = t!["processId"]!.GetValue<int>();
            Assert.NotEqual(Environment.ProcessId, pid);
            Assert.True(t["threadId"]!.GetValue<long>() > 0);
            Assert.True(t["durationMs"]!.GetValue<double>() > 0);
            // The overhead is clamped at 0, so ">= 0" could never fail; what must hold is that a task's run and its
            // dispatch fit inside the job's run time (1 ms for rounding).
            Assert.True(t["durationMs"]!.GetValue<double>() + t["dispatchOverheadMs"]!.GetValue<double>() <= runTimeMs + 1, $"{t.ToJsonString()} in {runTimeMs} ms");
        });
        Assert.True(tasks.Sum(t => t!["cpuTimeMs"]!.GetValue<double>()) > 0, "CPU time comes from the OS and a primes job uses some.");
        Assert.True(tasks.Select(t => t!["processId"]!.GetValue<int>()).Distinct().Count() <= 2, "at most the pool's 2 worker processes");
    }

    [Fact]
    public async Task SubmitJob_NoOpTaskOnProcesses_IsRecordedStartedOnItsWorker()
    {
        // A task this short ends before the host's start notice is due: its start comes with its result, and the job
        // must still be marked running (its start and timeout clock) and say where the task ran.
        for (var i = 0; i < 5; i++)
        {
            var job = await _jobs.RunAsync(new { workload = "cpu.squares", parameters = new { iterations = 8 }, executor = "processes", tasks = 1 });

            Assert.Equal("succeeded", JobsClient.Status(job));
            var task = job["taskRuns"]![0]!;
            Assert.NotNull(job["timings"]!["startedAt"]);
            Assert.NotNull(task["startedAt"]);
            Assert.Matches("^worker-[0-9]+$", task["worker"]!.GetValue<string>());
            Assert.NotEqual(Environment.ProcessId, task["processId"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task GetJob_WhileRunningOnProcesses_ShowsTheRunningTasksWorkerProcess()
    {
        var id = await _jobs.SubmitAsync(new { workload = "io.sleep", parameters = new { ms = 60_000 }, executor = "processes" });

        var job = await _jobs.WaitUntilStartedAsync(id);
        using (await _jobs.Http.DeleteAsync(new Uri($"/api/jobs/{id}", UriKind.Relative)))
        {
        }

        Assert.Equal("running", JobsClient.Status(job));
        var task = job["taskRuns"]![0]!;
        Assert.Equal("running", task["status"]!.GetValue<string>());
        Assert.StartsWith("worker-", task["worker"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEqual(Environment.ProcessId, task["processId"]!.GetValue<int>());
        Assert.NotNull(task["startedAt"]);
    }

    [Theory]
    [InlineData("cpu.primes", """{"below":300000}""")]
    [InlineData("cpu.sqrt", """{"count":1000000}""")]
    [InlineData("cpu.squares", """{"iterations":1000000}""")]
    [InlineData("cpu.countdown", """{"from":10000000}""")]
    [InlineData("cpu.montecarlo", """{"paths":50000,"seed":11}""")]
    [InlineData("mixed", """{"cpuMs":3,"waitMs":3,"rounds":7}""")]
    public async Task SubmitJob_CpuWorkload_GivesTheSameResultOnThreadsAndProcesses(string workload, string parameters)
    {
        var onThreads = _jobs.RunAsync(new { workload, parameters = JsonNode.Parse(parameters), executor = "threads", tasks = 3 });
        var onProcesses = _jobs.RunAsync(new { workload, parameters = JsonNode.Parse(parameters), executor = "processes", tasks = 3 });

        var (threads, processes) = (await onThreads, await onProcesses);
        Assert.Equal("succeeded", JobsClient.Status(processes));
        Assert.Equal(threads["result"]!.ToJsonString(), processes["result"]!.ToJsonString());
    }

    [Theory]
    [InlineData("exit", "exited with code 3")]
    [InlineData("failfast", "signal")]
    [InlineData("stackoverflow", "signal")]
    [InlineData("oom", "signal")]
    public async Task SubmitJob_CrashingWorker_FailsOnlyItsJobWhileNeighboursSucceed(string mode, string death)
    {
        var neighbours = Enumerable.Range(0, 6)
            .Select(i => _jobs.SubmitAsync(new { workload = "cpu.primes", parameters = new { below = 200_000 + i }, executor = "processes", tasks = 2 }))
            .ToList();
        var crash = await _jobs.SubmitAsync(new { workload = "debug.crash", parameters = new { mode }, executor = "processes" });

        var crashed = await _jobs.WaitAsync(crash);
        Assert.Equal("failed", JobsClient.Status(crashed));
        var pid = crashed["taskRuns"]![0]!["processId"]?.GetValue<int>();
        var error = crashed["error"]!["message"]!.GetValue<string>();
        Assert.Contains("worker process", error, StringComparison.Ordinal);
        Assert.Contains(death, error, StringComparison.Ordinal);
        if (pid is not null)
        {
            Assert.Contains(pid.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
        }

        foreach (var id in await Task.WhenAll(neighbours))
        {
            Assert.Equal("succeeded", JobsClient.Status(await _jobs.WaitAsync(id)));
        }

        // The pool refilled: the next job runs.
        Assert.Equal("succeeded", JobsClient.Status(await _jobs.RunAsync(new { workload = "cpu.squares", executor = "processes" })));
    }

    [Fact]
    public async Task SubmitJob_HangPastTimeoutOnProcesses_KillsTheWorkerAndEndsTimedOut()
    {
        var job = await _jobs.RunAsync(new { workload = "debug.hang", parameters = new { ms = 120_000 }, executor = "processes", timeoutMs = 500 });

        Assert.Equal("timedOut", JobsClient.Status(job));
        var pid = await WorkerPidOfAsync(job);
        Assert.True((await ProcessTable.WaitUntilGoneAsync([pid], TimeSpan.FromSeconds(30))).Count == 0, $"worker {pid} was killed");
    }

    [Fact]
    public async Task CancelJob_RunningOnProcesses_KillsItsWorkerAndEndsCancelled()
    {
        var id = await _jobs.SubmitAsync(new { workload = "debug.hang", parameters = new { ms = 120_000 }, executor = "processes" });
        var running = await _jobs.WaitUntilStartedAsync(id);
        Assert.Equal("running", JobsClient.Status(running));

        using var response = await _jobs.Http.DeleteAsync(new Uri($"/api/jobs/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var job = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("cancelled", JobsClient.Status(job));
        var pid = await WorkerPidOfAsync(job);
        Assert.True((await ProcessTable.WaitUntilGoneAsync([pid], TimeSpan.FromSeconds(30))).Count == 0, $"worker {pid} was killed");
    }

    [Fact]
    public async Task SubmitJob_CrashOnThreads_Returns400()
    {
        using var response = await _jobs.PostJsonAsync("""{"workload":"debug.crash","parameters":{"mode":"exit"},"executor":"threads"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("runs only on the 'processes' executor", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetExecutors_ShowsTheWorkerProcesses()
    {
        // Other tests in this class crash and kill workers; wait until the pool is whole again.
        await ProcessesApiFactory.WaitUntilReadyAsync(_jobs.Http);
        var executors = JsonNode.Parse(await _jobs.Http.GetStringAsync(new Uri("/api/executors", UriKind.Relative)))!.AsArray();

        var processes = executors.Single(e => e!["name"]!.GetValue<string>() == "processes")!;
        Assert.True(processes["available"]!.GetValue<bool>());
        Assert.Equal("warm", processes["pool"]!["mode"]!.GetValue<string>());
        var host = processes["pool"]!["hostProcessId"]!.GetValue<int>();
        Assert.NotEqual(Environment.ProcessId, host);
        Assert.True(ProcessTable.IsAlive(host));
        var workers = processes["workers"]!.AsArray();
        Assert.Equal(2, workers.Count);
        Assert.All(workers, w =>
        {
            var pid = w!["processId"]!.GetValue<int>();
            Assert.NotEqual(host, pid);
            Assert.True(ProcessTable.IsAlive(pid));
            Assert.True(w["residentMemoryBytes"]!.GetValue<long>() > 0);
            Assert.True(w["uptimeSeconds"]!.GetValue<double>() >= 0);
            Assert.NotNull(w["restarts"]);
        });
        Assert.NotNull(processes["pool"]!["workersCrashed"]);
    }

    private static async Task<int> WorkerPidOfAsync(JsonObject job)
    {
        await Task.Yield();
        var pid = job["taskRuns"]![0]!["processId"]?.GetValue<int>();
        Assert.True(pid is > 0, $"the task names its worker process: {job.ToJsonString()}");
        return pid!.Value;
    }
}
