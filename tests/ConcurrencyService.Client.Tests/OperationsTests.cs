using System.Net;
using ConcurrencyService.Client;

namespace ConcurrencyService.Client.Tests;

/// <summary>Every operation of the generated client against the real API, sharing one server.</summary>
public sealed class OperationsTests(OperationsTests.Server server) : IClassFixture<OperationsTests.Server>
{
    private const long PrimesBelowOneMillion = 37_550_402_023;

    private IConcurrencyServiceClient Client => server.Value.Client;

    [Fact]
    public async Task SubmitJob_ReturnsThe202BodyAsATypedJobAccepted()
    {
        var accepted = await Client.SubmitJobAsync(new SubmitJobRequest { Workload = "cpu.squares" });

        Assert.NotEqual(Guid.Empty, accepted.Id);
        Assert.True(accepted.Status is JobStatus.Queued or JobStatus.Running or JobStatus.Succeeded, $"Unexpected status {accepted.Status}.");
        Assert.Equal($"/api/jobs/{accepted.Id}", accepted.Links.Self);
        Assert.True(accepted.SubmittedAt > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task SubmitAndWait_PrimesBelowOneMillionOnThreads_ReturnsTheTutorialsSum()
    {
        var job = await Client.SubmitAndWaitAsync(new SubmitJobRequest
        {
            Workload = "cpu.primes",
            Executor = ExecutorKind.Threads,
            Tasks = 4,
            Parameters = new Dictionary<string, object> { ["below"] = 1_000_000 },
        });

        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Equal(PrimesBelowOneMillion, job.ResultJson?.GetProperty("sum").GetInt64());
        Assert.Equal(new PrimesResult(PrimesBelowOneMillion, 78_498), job.GetResult<PrimesResult>());
        Assert.Equal(4, job.TaskRuns.Count);
        Assert.All(job.TaskRuns, t => Assert.Equal(TaskRunStatus.Succeeded, t.Status));
        Assert.All(job.TaskRuns, t => Assert.NotNull(t.ThreadId));
        Assert.NotNull(job.Timings.RunTimeMs);
        Assert.NotNull(job.Timings.CpuTimeMs);
    }

    [Fact]
    public async Task SubmitJob_SendsEnumsAsCamelCaseStrings()
    {
        var accepted = await Client.SubmitJobAsync(new SubmitJobRequest { Workload = "io.sleep", Executor = ExecutorKind.Threads, Parameters = new Dictionary<string, object> { ["ms"] = 1 } });

        var sent = server.Value.Attempts.Of(HttpMethod.Post).Last(a => a.Status == HttpStatusCode.Accepted && a.Body!.Contains("io.sleep", StringComparison.Ordinal));
        Assert.Contains("\"executor\":\"threads\"", sent.Body, StringComparison.Ordinal);
        Assert.Equal(ExecutorKind.Threads, (await Client.GetJobAsync(accepted.Id)).Executor);
    }

    [Fact]
    public async Task GetJob_WithWait_AnswersWhenTheJobFinishes()
    {
        var accepted = await Client.SubmitJobAsync(new SubmitJobRequest { Workload = "io.sleep", Parameters = new Dictionary<string, object> { ["ms"] = 100 } });

        var job = await Client.GetJobAsync(accepted.Id, waitMs: 30_000);

        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.True(job.IsFinished);
        Assert.Equal("io.sleep", job.Workload);
        // .NET timers count whole milliseconds of a coarser clock, so a 100 ms sleep can end a little under 100 ms on
        // the monotonic clock the service reports (seen: 99.08 ms). It still slept: nowhere near 0.
        Assert.True(job.Timings.RunTimeMs >= 95, $"Ran {job.Timings.RunTimeMs} ms for a 100 ms sleep.");
        Assert.Single(job.TaskRuns);
    }

    [Fact]
    public async Task GetJob_UnknownId_ThrowsNotFoundWithTheProblem()
    {
        var id = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<ConcurrencyServiceException<ProblemDetails>>(() => Client.GetJobAsync(id));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal(404, error.Problem?.Status);
        Assert.Equal("No such job.", error.Problem?.Title);
        Assert.Contains(id.ToString(), error.Problem?.Detail, StringComparison.Ordinal);
        Assert.Contains(id.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListJobs_FiltersByStatusAndExecutor()
    {
        var done = await Client.SubmitAndWaitAsync(new SubmitJobRequest { Workload = "cpu.countdown", Executor = ExecutorKind.Threads });

        var page = await Client.ListJobsAsync(status: JobStatus.Succeeded, workload: "cpu.countdown", executor: ExecutorKind.Threads, page: 1, pageSize: 500);

        Assert.Contains(page.Items, j => j.Id == done.Id);
        Assert.All(page.Items, j => Assert.Equal(JobStatus.Succeeded, j.Status));
        Assert.All(page.Items, j => Assert.Equal("cpu.countdown", j.Workload));
        Assert.Equal(500, page.PageSize);
        Assert.True(page.Total >= 1);
    }

    [Fact]
    public async Task CancelJob_Running_EndsItCancelled()
    {
        var accepted = await Client.SubmitJobAsync(new SubmitJobRequest { Workload = "io.sleep", Parameters = new Dictionary<string, object> { ["ms"] = 60_000 } });

        var job = await Client.CancelJobAsync(accepted.Id);

        Assert.Equal(JobStatus.Cancelled, job.Status);
        Assert.Equal(JobStatus.Cancelled, (await Client.GetJobAsync(accepted.Id)).Status);
    }

    [Fact]
    public async Task CancelJob_Finished_ThrowsConflictWithTheProblem()
    {
        var done = await Client.SubmitAndWaitAsync(new SubmitJobRequest { Workload = "cpu.squares" });

        var error = await Assert.ThrowsAsync<ConcurrencyServiceException<ProblemDetails>>(() => Client.CancelJobAsync(done.Id));

        Assert.Equal(409, error.StatusCode);
        Assert.Equal("The job has already finished.", error.Problem?.Title);
    }

    [Fact]
    public async Task SubmitJob_WithBadParameters_ThrowsTheValidationProblemWithItsFieldErrors()
    {
        var request = new SubmitJobRequest { Workload = "cpu.primes", Tasks = 0, Parameters = new Dictionary<string, object> { ["below"] = "a lot" } };

        var error = await Assert.ThrowsAsync<ConcurrencyServiceException<HttpValidationProblemDetails>>(() => Client.SubmitJobAsync(request));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal(400, error.Problem?.Status);
        Assert.Equal("The job request is not valid.", error.Problem?.Title);
        Assert.Contains("parameters.below", error.Errors.Keys);
        Assert.Contains("tasks", error.Errors.Keys);
        Assert.Contains("parameters.below", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Value.Attempts.Of(HttpMethod.Post), a => a.Body!.Contains("a lot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListWorkloads_DescribesTheCatalog()
    {
        var workloads = await Client.ListWorkloadsAsync();

        var primes = Assert.Single(workloads, w => w.Name == "cpu.primes");
        Assert.Equal(WorkloadKind.Cpu, primes.Kind);
        var below = Assert.Single(primes.Parameters, p => p.Name == "below");
        Assert.Equal(ParameterType.Integer, below.Type);
        Assert.NotNull(below.Maximum);
        Assert.Contains(workloads, w => w.Name == "io.sleep" && w.Kind == WorkloadKind.Io);
    }

    [Fact]
    public async Task GetExecutors_DescribesThreadsWorkersAndTheDisabledProcesses()
    {
        var executors = await Client.GetExecutorsAsync();

        var threads = Assert.Single(executors, e => e.Name == ExecutorKind.Threads);
        Assert.True(threads.Available);
        Assert.Equal(2, threads.WorkerCount);
        Assert.All(threads.Workers, w => Assert.Equal(Environment.ProcessId, w.ProcessId));
        Assert.False(Assert.Single(executors, e => e.Name == ExecutorKind.Processes).Available);
    }

    [Fact]
    public async Task EchoDelay_AnswersWithTheDelay()
    {
        var echo = await Client.EchoDelayAsync(5);

        Assert.Equal(5, echo.DelayMs);
    }

    private sealed record PrimesResult(long Sum, long Count);

    /// <summary>One server for the class.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public ClientServer Value { get; } = ClientServer.Start();

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync() => await Value.DisposeAsync();
    }
}
