using System.Globalization;
using System.Net;

namespace ConcurrencyService.Api.Tests;

/// <summary>
/// <c>/metrics</c>: the service's own instruments beside ASP.NET Core's and the runtime's, in Prometheus text format.
/// Alone, not beside other test classes: OpenTelemetry listens to meters by name, so an app started by another test in
/// the same process would add its jobs to these counts (one app per process, as in production, sees only its own).
/// </summary>
[Collection(Name)]
public sealed class MetricsTests
{
    public const string Name = "Metrics, alone";

    [Fact]
    public async Task Metrics_AfterAJobRan_CountItByExecutorWorkloadAndStatus_WithItsTimes()
    {
        await using var factory = new ApiFactory();
        var jobs = new JobsClient(factory.CreateApiClient());
        var job = await jobs.RunAsync(new { workload = "cpu.squares", parameters = new { iterations = 1000 }, executor = "threads", tasks = 2 });
        Assert.Equal("succeeded", JobsClient.Status(job));

        using var response = await jobs.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, Sample(text, "concurrency_service_jobs_submitted_total", "executor=\"threads\"", "workload=\"cpu.squares\""));
        Assert.Equal(1, Sample(text, "concurrency_service_jobs_finished_total", "executor=\"threads\"", "workload=\"cpu.squares\"", "status=\"succeeded\""));
        Assert.Equal(1, Sample(text, "concurrency_service_job_run_time_seconds_count", "executor=\"threads\"", "workload=\"cpu.squares\""));
        Assert.Equal(1, Sample(text, "concurrency_service_job_queue_wait_seconds_bucket", "executor=\"threads\"", "le=\"+Inf\""));
        Assert.Equal(0, Sample(text, "concurrency_service_queue_depth", "executor=\"threads\""));
        Assert.Equal(0, Sample(text, "concurrency_service_jobs_running", "executor=\"threads\""));
        Assert.NotNull(Sample(text, "concurrency_service_workers_busy", "executor=\"threads\""));
        Assert.NotNull(Sample(text, "http_server_request_duration_seconds_count", "http_route=\"/api/jobs/{id}\""));
        Assert.NotNull(Sample(text, "dotnet_gc_collections_total", "gc_heap_generation=\"gen0\""));
    }

    [Fact]
    public async Task Metrics_WithTheWorkerHost_ReportWorkerProcessesAliveAndStarted()
    {
        var processes = new ProcessesApiFactory();
        await processes.InitializeAsync();
        try
        {
            var text = await processes.Jobs.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

            Assert.Equal(2, Sample(text, "concurrency_service_worker_processes_alive", "executor=\"processes\""));
            Assert.Equal(0, Sample(text, "concurrency_service_queue_depth", "executor=\"processes\"")); // before any job
            Assert.True(Sample(text, "concurrency_service_worker_processes_started_total", "executor=\"processes\"") >= 2);
            Assert.NotNull(Sample(text, "concurrency_service_worker_processes_crashed_total", "executor=\"processes\""));
            Assert.NotNull(Sample(text, "concurrency_service_worker_processes_recycled_total", "executor=\"processes\""));
        }
        finally
        {
            await processes.DisposeAsync();
        }
    }

    [Fact]
    public async Task Metrics_FromAnotherMachineWithNoKeyConfigured_Returns403()
    {
        await using var factory = RemoteClientFilter.Server(new Dictionary<string, string?>());

        using var response = await factory.CreateApiClient().GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Metrics_FromAnotherMachine_NeedTheKeyAsABearerToken()
    {
        const string key = "scraper-key-0123456789";
        await using var factory = RemoteClientFilter.Server(new Dictionary<string, string?> { ["Auth:ApiKeys:0"] = key });
        var http = factory.CreateApiClient();

        using var without = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        request.Headers.Authorization = new("Bearer", key);
        using var with = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    /// <summary>The value of the one sample of <paramref name="name"/> whose labels include all of <paramref name="labels"/>, or null.</summary>
    internal static double? Sample(string text, string name, params string[] labels)
    {
        var matches = text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => labels.All(label => line.Contains(label, StringComparison.Ordinal)))
            .ToList();
        Assert.True(matches.Count <= 1, $"More than one sample of {name} with {string.Join(",", labels)}: {string.Join("\n", matches)}");
        return matches.Count == 0 ? null : double.Parse(matches[0][(matches[0].LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }
}

/// <summary>Runs <see cref="MetricsTests"/> with no other test class at the same time.</summary>
[CollectionDefinition(MetricsTests.Name, DisableParallelization = true)]
public sealed class MetricsCollection;
