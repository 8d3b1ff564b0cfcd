using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace ConcurrencyService.Api.Tests;

public sealed class ExperimentsApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    // Long enough to hold the experiment runner until a test cancels it; sleeping costs the machine nothing meanwhile.
    private static readonly object Blocker = new { workload = "io.sleep", parameters = new { ms = 120_000 }, executors = new[] { "sequential" }, workers = new[] { 1 }, repetitions = 1 };

    private readonly ExperimentsClient _experiments = new(factory.CreateApiClient());

    [Fact]
    public async Task SubmitExperiment_ThreadsWithAndWithoutGil_ReportsEveryCellWithSpeedupEfficiencyAndSpread()
    {
        var id = await _experiments.SubmitAsync(new
        {
            workload = "cpu.primes",
            parameters = new { below = 600_000 },
            executors = new[] { "threads", "threads+gil" },
            workers = new[] { 2, 1 },
            repetitions = 3,
        });

        var experiment = await _experiments.WaitAsync(id);

        Assert.Equal("succeeded", experiment["status"]!.GetValue<string>());
        Assert.Equal("scaling", experiment["kind"]!.GetValue<string>());
        Assert.Equal(15, experiment["progress"]!["runsTotal"]!.GetValue<int>()); // 3 × (1 sequential + 2 executors × 2 counts)
        Assert.Equal(15, experiment["progress"]!["runsDone"]!.GetValue<int>());
        Assert.Equal([1, 2], experiment["setup"]!["workers"]!.AsArray().Select(w => w!.GetValue<int>()));
        Assert.Equal(14_071_826_345L, experiment["result"]!["sum"]!.GetValue<long>()); // the primes below 600,000
        var cells = experiment["cells"]!.AsArray();
        Assert.Equal(5, cells.Count);
        var sequential = ExperimentsClient.Cell(experiment, "sequential", 1);
        Assert.Equal(1, sequential["speedup"]!.GetValue<double>());
        Assert.All(cells, c =>
        {
            Assert.Equal(3, c!["runs"]!.GetValue<int>());
            Assert.Equal(3, c["runsWallMs"]!.AsArray().Count);
            Assert.True(c["wallMs"]!.GetValue<double>() > 0);
            Assert.True(c["cpuMs"]!.GetValue<double>() > 0, "CPU time comes from the OS");
            Assert.NotNull(c["spread"]!["stdDev"]);
            var expected = sequential["wallMs"]!.GetValue<double>() / c["wallMs"]!.GetValue<double>();
            Assert.Equal(expected, c["speedup"]!.GetValue<double>(), 0.01);
            Assert.Equal(c["speedup"]!.GetValue<double>() / c["workers"]!.GetValue<int>(), c["efficiency"]!.GetValue<double>(), 0.01);
        });
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(15, experiment["machineLoad"]!["samples"]!.GetValue<int>()); // one sample just before each run
            // A count is never negative, so ">= 0" could not fail; the most seen at once must be at least the mean.
            Assert.True(experiment["machineLoad"]!["maxOtherRunnable"]!.GetValue<int>() >= experiment["machineLoad"]!["meanOtherRunnable"]!.GetValue<double>());
        }

        Assert.Null(ExperimentsClient.Cell(experiment, "threads", 2)["gilWaitMs"]);
        var underGil = ExperimentsClient.Cell(experiment, "threads+gil", 2);
        Assert.True(underGil["gilWaitMs"]!.GetValue<double>() > 0, "two CPU tasks under one GIL wait for each other");
        // Under the GIL at most one task runs at a time, so a run keeps at most one core busy, however busy the machine is.
        var cores = underGil["cpuMs"]!.GetValue<double>() / underGil["wallMs"]!.GetValue<double>();
        Assert.True(cores < 1.3, $"under the GIL two CPU tasks take turns; CPU time ÷ wall time {cores}");

        using var chart = await _experiments.Http.GetAsync(new Uri($"/api/experiments/{id}/chart.svg", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Equal("image/svg+xml", chart.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await chart.Content.ReadAsStringAsync());
        var legend = svg.Descendants(XName.Get("text", "http://www.w3.org/2000/svg")).Select(t => t.Value.Trim()).ToList();
        Assert.Equal(["threads", "threads+gil", "ideal (speedup = N)"], legend.Where(t => t is "threads" or "threads+gil" or "processes" or "ideal (speedup = N)"));
    }

    [Fact]
    public async Task SubmitExperiment_TwoAtOnce_RunOneAfterTheOther()
    {
        var request = new { workload = "cpu.squares", parameters = new { iterations = 2_000_000 }, executors = new[] { "threads" }, workers = new[] { 1, 2 }, repetitions = 2 };
        var first = await _experiments.SubmitAsync(request);
        var second = await _experiments.SubmitAsync(request);

        var a = await _experiments.WaitAsync(first);
        var b = await _experiments.WaitAsync(second);

        Assert.Equal("succeeded", b["status"]!.GetValue<string>());
        Assert.True(b["startedAt"]!.GetValue<DateTimeOffset>() >= a["finishedAt"]!.GetValue<DateTimeOffset>(), "experiments never overlap");
        var listed = JsonNode.Parse(await _experiments.Http.GetStringAsync(new Uri("/api/experiments", UriKind.Relative)))!.AsArray()
            .Select(e => e!["id"]!.GetValue<Guid>()).ToList();
        Assert.True(listed.IndexOf(second) < listed.IndexOf(first), "newest first");
    }

    [Fact]
    public async Task CancelExperiment_Running_StopsIt_ThenAnswers409()
    {
        var id = await _experiments.SubmitAsync(Blocker);
        await WaitUntilRunningAsync(id);

        using var cancel = await _experiments.Http.DeleteAsync(new Uri($"/api/experiments/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var cancelled = JsonNode.Parse(await cancel.Content.ReadAsStringAsync())!;
        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        Assert.Equal("cancelled", cancelled["error"]!["code"]!.GetValue<string>());

        using var again = await _experiments.Http.DeleteAsync(new Uri($"/api/experiments/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already finished", (await JobsClient.ReadProblemAsync(again))["title"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListExperimentPresets_DescribesEachTutorialExperiment_WithARunLink()
    {
        var presets = JsonNode.Parse(await _experiments.Http.GetStringAsync(new Uri("/api/experiments/presets", UriKind.Relative)))!.AsArray();

        Assert.Equal(
            ["primes-pool", "sqrt-per-core", "start-cost", "sleeps", "oversubscription", "crash"],
            presets.Select(p => p!["name"]!.GetValue<string>()));
        Assert.All(presets, p =>
        {
            Assert.Equal($"/api/experiments/presets/{p!["name"]!.GetValue<string>()}", p["run"]!.GetValue<string>());
            Assert.StartsWith("Tutorial", p["tutorial"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(p["definition"]!.GetValue<string>()));
            Assert.NotEqual(p["default"]!.GetValue<string>(), p["small"]!.GetValue<string>());
        });
        Assert.Contains("Weak scaling", presets[1]!["definition"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitExperiment_PastQueueCapacity_Returns429WithRetryAfter()
    {
        await using var small = ApiFactory.With(new Dictionary<string, string?> { ["Experiments:QueueCapacity"] = "6", ["Experiments:RetryAfterSeconds"] = "7" });
        var experiments = new ExperimentsClient(small.CreateApiClient());
        var blocker = await experiments.SubmitAsync(Blocker);
        var quick = new { workload = "cpu.squares", executors = new[] { "sequential" }, workers = new[] { 1 }, repetitions = 1 };
        var queued = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            queued.Add(await experiments.SubmitAsync(quick));
        }

        using var refused = await experiments.Http.PostAsync(
            new Uri("/api/experiments", UriKind.Relative), JsonContent(quick));
        using var claims = await experiments.Http.PostAsync(new Uri("/api/experiments/claims?size=small", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("queue is full", (await JobsClient.ReadProblemAsync(refused))["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, claims.StatusCode);
        using var cancel = await experiments.Http.DeleteAsync(new Uri($"/api/experiments/{blocker}", UriKind.Relative));
        foreach (var id in queued)
        {
            Assert.Equal("succeeded", (await experiments.WaitAsync(id))["status"]!.GetValue<string>());
        }
    }

    private async Task WaitUntilRunningAsync(Guid id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while ((await _experiments.GetAsync($"/api/experiments/{id}"))["status"]!.GetValue<string>() == "queued")
        {
            Assert.True(DateTime.UtcNow < deadline, $"Experiment {id} never started.");
            await Task.Delay(50);
        }
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
