using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace ConcurrencyService.Api.Tests;

/// <summary>One small claims run (every preset end to end, worker processes included), shared by the tests that read it.</summary>
public sealed class SmallClaimsRun : IAsyncLifetime
{
    public ApiFactory Factory { get; } = new();

    public ExperimentsClient Experiments { get; private set; } = null!;

    public JsonObject Accepted { get; private set; } = null!;

    public JsonObject Report { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Experiments = new ExperimentsClient(Factory.CreateApiClient());
        Accepted = await Experiments.PostAcceptedAsync("/api/experiments/claims?size=small");
        Report = await Experiments.WaitAsync(Accepted["links"]!["self"]!.GetValue<string>());
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    public async Task<JsonObject> PresetAsync(string preset) =>
        await Experiments.GetAsync(Report["experiments"]!.AsArray().Single(e => e!["preset"]!.GetValue<string>() == preset)!["link"]!.GetValue<string>());
}

public sealed class ClaimsApiTests(SmallClaimsRun run) : IClassFixture<SmallClaimsRun>
{
    [Fact]
    public void RunClaimsReport_QueuesEveryPreset_AndDecidesEveryClaim()
    {
        Assert.Equal(6, run.Accepted["experiments"]!.AsArray().Count);
        Assert.Equal("succeeded", run.Report["status"]!.GetValue<string>());
        Assert.Equal("small", run.Report["size"]!.GetValue<string>());
        Assert.Equal(Environment.ProcessorCount, run.Report["machine"]!["logicalCores"]!.GetValue<int>());
        var claims = run.Report["claims"]!.AsArray();
        Assert.Equal(8, claims.Count);
        Assert.All(claims, c =>
        {
            Assert.NotEqual("pending", c!["verdict"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(c["dotNet"]!.GetValue<string>()));
            Assert.False(string.IsNullOrWhiteSpace(c["rule"]!.GetValue<string>()));
        });

        // The claims whose numbers are far from any threshold, even at small sizes on a busy machine.
        string Verdict(string claim) => claims.Single(c => c!["claim"]!.GetValue<string>().StartsWith(claim, StringComparison.Ordinal))!["verdict"]!.GetValue<string>();
        Assert.Equal("holds", Verdict("Starting a process costs far more"));
        Assert.Equal("holds", Verdict("Threads speed up IO-bound work"));
        Assert.Equal("holds", Verdict("A crashing process does not bring the others down"));
    }

    [Fact]
    public async Task GetClaimsReportMarkdown_IsATableWithARowPerClaim()
    {
        using var response = await run.Experiments.Http.GetAsync(new Uri(run.Report["links"]!["markdown"]!.GetValue<string>(), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        var markdown = await response.Content.ReadAsStringAsync();
        Assert.Contains("| claim (tutorial) | .NET | .NET, GIL emulated | CPython | verdict |", markdown, StringComparison.Ordinal);
        Assert.Equal(1 + 8 + 1 + 6, markdown.Split('\n').Count(l => l.StartsWith("| ", StringComparison.Ordinal))); // claims, then presets
        Assert.Contains("/chart.svg", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Presets_RanEndToEnd_OnTheirOwnWorkers()
    {
        var primes = await run.PresetAsync("primes-pool");
        Assert.Equal(454_396_537L, primes["result"]!["sum"]!.GetValue<long>()); // the primes below 100,000
        Assert.Equal(
            ["sequential", "threads", "threads+gil", "processes", "processes-spawn"],
            primes["cells"]!.AsArray().Select(c => c!["executor"]!.GetValue<string>()).Distinct());

        var sqrt = await run.PresetAsync("sqrt-per-core");
        Assert.Equal("weak", sqrt["setup"]!["scaling"]!.GetValue<string>());
        Assert.Equal(2, ExperimentsClient.Cell(sqrt, "threads", 2)["tasks"]!.GetValue<int>());

        var sleeps = await run.PresetAsync("sleeps");
        Assert.All(sleeps["cells"]!.AsArray(), c => Assert.Equal(10, c!["tasks"]!.GetValue<int>()));

        var oversubscription = await run.PresetAsync("oversubscription");
        Assert.Contains(oversubscription["cells"]!.AsArray(), c => c!["workers"]!.GetValue<int>() > Environment.ProcessorCount);

        var startCost = (await run.PresetAsync("start-cost"))["startCost"]!;
        Assert.Equal(5, startCost["thread"]!["count"]!.GetValue<int>());
        Assert.Equal(5, startCost["process"]!["count"]!.GetValue<int>());
        Assert.True(startCost["ratio"]!.GetValue<double>() > 1, "a process start costs more than a thread start");
        Assert.Matches(@"^(CPython not found|[\d.]+ ms per process start \+ join \(spawn\) against .*; CPython 3\.)", startCost["python"]!.GetValue<string>());

        var crash = (await run.PresetAsync("crash"))["crash"]!;
        Assert.Contains("exited with code 3", crash["crashError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(crash["otherTasks"]!.GetValue<int>(), crash["otherTasksSucceeded"]!.GetValue<int>());
        Assert.True(crash["resultIntact"]!.GetValue<bool>());
        Assert.True(crash["poolRefilled"]!.GetValue<bool>());
        Assert.True(crash["followUpSucceeded"]!.GetValue<bool>());
        Assert.Equal(1, crash["workersCrashed"]!.GetValue<long>());
        Assert.NotEqual(crash["pidsBefore"]!.ToJsonString(), crash["pidsAfter"]!.ToJsonString());
        Assert.DoesNotContain(Environment.ProcessId, crash["pidsBefore"]!.AsArray().Select(p => p!.GetValue<int>()));
    }

    [Fact]
    public async Task GetExperimentChart_DrawsScalingPresets_AndRefusesOthersWith404()
    {
        var primes = await run.PresetAsync("primes-pool");
        var svg = XDocument.Parse(await run.Experiments.Http.GetStringAsync(new Uri(primes["links"]!["chart"]!.GetValue<string>(), UriKind.Relative)));
        var legend = svg.Descendants(XName.Get("text", "http://www.w3.org/2000/svg")).Select(t => t.Value.Trim()).ToList();
        Assert.Equal(["threads", "threads+gil", "processes", "processes-spawn", "ideal (speedup = N)"], legend.Where(t => t is "threads" or "threads+gil" or "processes" or "processes-spawn" || t.StartsWith("ideal (", StringComparison.Ordinal))); // four executors and the ideal; the notes under the plot are text too

        var startCost = await run.PresetAsync("start-cost");
        Assert.Null(startCost["links"]!["chart"]);
        using var response = await run.Experiments.Http.GetAsync(new Uri($"/api/experiments/{startCost["id"]}/chart.svg", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no chart", (await JobsClient.ReadProblemAsync(response))["title"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
