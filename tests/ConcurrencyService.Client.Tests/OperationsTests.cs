using ConcurrencyService.Testing;
using System.Diagnostics;
using System.Net;
using ConcurrencyService.Client;
using Refit;

namespace ConcurrencyService.Client.Tests;

/// <summary>The job, workload, executor and echo operations of the Refit interface against the real API, sharing one server.</summary>
public sealed class OperationsTests(OperationsTests.Server server) : IClassFixture<OperationsTests.Server>
{
    private const long PrimesBelowOneMillion = 37_550_402_023;

    private IConcurrencyServiceApi Client => server.Value.Client;

    [Fact]
    public async Task SubmitJob_ReturnsThe202BodyAsATypedJobAcceptedWithItsLocation()
    {
        using var response = await Client.SubmitJobAsync(new SubmitJobRequest { Workload = "cpu.squares" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Null(response.Error);
        var accepted = response.Content!;
        Assert.NotEqual(Guid.Empty, accepted.Id);
        Assert.Equal($"/api/jobs/{accepted.Id}", response.Headers?.Location?.OriginalString);
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
        var accepted = await SubmitAsync(new SubmitJobRequest { Workload = "io.sleep", Executor = ExecutorKind.Threads, Parameters = new Dictionary<string, object> { ["ms"] = 1 } });

        var sent = server.Value.Attempts.Of(HttpMethod.Post).Last(a => a.Status == HttpStatusCode.Accepted && a.Body!.Contains("io.sleep", StringComparison.Ordinal));
        Assert.Contains("\"executor\":\"threads\"", sent.Body, StringComparison.Ordinal);
        Assert.Equal(ExecutorKind.Threads, (await Client.GetJobAsync(accepted.Id)).Executor);
    }

    [Fact]
    public async Task GetJob_WithWait_AnswersAsSoonAsTheJobFinishes()
    {
        var accepted = await SubmitAsync(new SubmitJobRequest { Workload = "io.sleep", Parameters = new Dictionary<string, object> { ["ms"] = 100 } });
        var clock = Stopwatch.StartNew();

        var job = await Client.GetJobAsync(accepted.Id, waitMs: 60_000);

        // The answer is the finished job, and it came with the job, not when the 60 s wait ran out: well inside it.
        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"A 60 s long-poll on a 100 ms job answered after {clock.Elapsed}.");
        Assert.True(job.IsFinished);
        Assert.Equal("io.sleep", job.Workload);
        // A 100 ms sleep can end a little early on the precise clock the service reports (seen: 99.08 ms; see
        // TimerTick.Early). It still slept: nowhere near 0.
        Assert.True(job.Timings.RunTimeMs >= TimerTick.AtLeastMs(100), $"Ran {job.Timings.RunTimeMs} ms for a 100 ms sleep.");
        Assert.Single(job.TaskRuns);
    }

    [Fact]
    public async Task GetJob_UnknownId_ThrowsNotFoundWithTheProblem()
    {
        var id = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<ConcurrencyServiceException>(() => Client.GetJobAsync(id));

        Assert.Equal(404, error.Status);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
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
        var accepted = await SubmitAsync(new SubmitJobRequest { Workload = "io.sleep", Parameters = new Dictionary<string, object> { ["ms"] = 60_000 } });

        using var response = await Client.CancelJobAsync(accepted.Id);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"Cancel answered {response.StatusCode}.");
        Assert.Equal(JobStatus.Cancelled, response.Content!.Status);
        Assert.Equal(JobStatus.Cancelled, (await Client.GetJobAsync(accepted.Id)).Status);
    }

    [Fact]
    public async Task CancelJob_Finished_ThrowsConflictWithTheProblem()
    {
        var done = await Client.SubmitAndWaitAsync(new SubmitJobRequest { Workload = "cpu.squares" });

        using var response = await Client.CancelJobAsync(done.Id);

        var error = Assert.IsType<ConcurrencyServiceException>(response.Error);
        Assert.Equal(409, error.Status);
        Assert.Equal("The job has already finished.", error.Problem?.Title);
        Assert.StartsWith("409 The job has already finished.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitJob_WithBadParameters_ThrowsTheValidationProblemWithItsFieldErrors()
    {
        var request = new SubmitJobRequest { Workload = "cpu.primes", Tasks = 0, Parameters = new Dictionary<string, object> { ["below"] = "a lot" } };

        using var response = await Client.SubmitJobAsync(request);

        var error = Assert.IsType<ConcurrencyServiceException>(response.Error);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, error.Status);
        Assert.IsType<HttpValidationProblemDetails>(error.Problem);
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

    [Fact]
    public async Task SubmitAndWait_WithBadParameters_ThrowsTheValidationProblem()
    {
        var error = await Assert.ThrowsAsync<ConcurrencyServiceException>(
            () => Client.SubmitAndWaitAsync(new SubmitJobRequest { Workload = "cpu.primes", Tasks = 0 }));

        Assert.Equal(400, error.Status);
        Assert.Contains("tasks", error.Errors.Keys);
    }

    private async Task<JobAccepted> SubmitAsync(SubmitJobRequest request)
    {
        using var response = await Client.SubmitJobAsync(request);
        await response.EnsureSuccessfulAsync();
        return response.Content!;
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
