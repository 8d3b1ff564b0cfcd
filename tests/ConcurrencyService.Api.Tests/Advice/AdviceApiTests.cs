using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests.Advice;

/// <summary>
/// The advisor end to end: real HTTP, the experiments' queue, real worker processes. The machine may be busy (the suite and
/// other builds share its cores), so these assert the advice's shape and sanity, never a winner or a timing. They run
/// with no other test class beside them: the API is in this process, and the sampling of other programs' load leaves
/// the service's own process out, so other tests' threads here would take a CPU task's core unseen.
/// </summary>
[Collection(Name)]
public sealed class AdviceApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public const string Name = "Advice, alone";

    // Small jobs and budgets: each calibration sizes its runs to the budget, so these stay short however slow the machine is.
    private const int Budget = 12;

    private readonly ExperimentsClient _client = new(factory.CreateApiClient());

    /// <summary>workload, its parameters, whether its tasks' CPU share is "high", "mid" or "low" (a new workload is one more line).</summary>
    public static TheoryData<string, string, string> Workloads => new()
    {
        { "cpu.primes", """{"below":200000}""", "high" },
        { "io.sleep", """{"ms":20}""", "low" },
        { "mixed", """{"cpuMs":5,"waitMs":15,"rounds":8}""", "mid" },
    };

    [Theory]
    [MemberData(nameof(Workloads))]
    public async Task SubmitAdvice_ForAWorkload_AnswersForDotNetAndAGilWithIntervalsAndAReport(string workload, string parameters, string cpuShare)
    {
        var view = await AdviseAsync(new JsonObject { ["workload"] = workload, ["parameters"] = JsonNode.Parse(parameters), ["budgetSeconds"] = Budget });

        Assert.Equal("succeeded", view["status"]!.GetValue<string>());
        var advice = view["advice"]!.AsObject();
        foreach (var runtime in new[] { "dotNet", "gil" })
        {
            Assert.Contains(advice[runtime]!["choice"]!.GetValue<string>(), new[] { "threads", "processes", "either", "inconclusive" });
            Assert.NotEmpty(advice[runtime]!["reasons"]!.AsArray());
        }

        var curve = advice["curve"]!.AsArray();
        Assert.Contains(curve, p => p!["executor"]!.GetValue<string>() == "threads");
        Assert.Contains(curve, p => p!["executor"]!.GetValue<string>() == "threadsGil");
        Assert.Contains(curve, p => p!["executor"]!.GetValue<string>() == "processes");
        Assert.All(curve, p => AssertInterval(p!["speedup"]!));
        AssertInterval(advice["profile"]!["cpuShare"]!);
        AssertInterval(advice["profile"]!["taskMs"]!);

        var share = advice["profile"]!["cpuShare"]!["value"]!.GetValue<double>();
        var doubts = advice["doubts"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        if (cpuShare == "low")
        {
            Assert.True(share <= 0.2, $"{workload} waits: its tasks' CPU share is {share}");
        }
        else if (cpuShare == "mid")
        {
            // 5 ms of CPU to 15 ms of waiting: a quarter, less when a busy machine stretches the compute's wall time.
            Assert.InRange(share, 0.02, 0.6);
        }
        else if (!doubts.Contains("busyMachine") && !doubts.Contains("starvedBaseline"))
        {
            // Only a quiet machine gives a CPU-bound task most of a core; a busy one is flagged instead.
            Assert.True(share >= 0.5, $"{workload} computes: its tasks' CPU share is {share}");
        }

        Assert.NotEmpty(advice["notes"]!.AsArray());
        Assert.StartsWith("Measured ", advice["notes"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(advice["cannotTell"]!.AsArray());
        Assert.Equal(Environment.ProcessorCount, view["conditions"]!["cores"]!.GetValue<int>());
        Assert.Equal("release", view["conditions"]!["build"]!.GetValue<string>());
        Assert.True(view["setup"]!["repetitions"]!.GetValue<int>() >= 4, "four runs a side at least, for a 95% interval");

        using var report = await _client.Http.GetAsync(new Uri($"/api/advice/{view["id"]}/report.md", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/markdown", report.Content.Headers.ContentType?.MediaType);
        var markdown = await report.Content.ReadAsStringAsync();
        Assert.StartsWith($"# Threads or processes for {workload}?", markdown, StringComparison.Ordinal);
        Assert.True(markdown.IndexOf("**.NET", StringComparison.Ordinal) < markdown.IndexOf("## Speedup over the sequential baseline", StringComparison.Ordinal), "the answer comes first");
        Assert.Contains("| threads | ", markdown, StringComparison.Ordinal); // its 1-worker cells may be left out to fit the budget
        Assert.Contains("## What it cannot tell", markdown, StringComparison.Ordinal);
        Assert.Contains("## Machine", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAdvice_OnABusyMachine_SaysSoAndPicksNothing()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // other programs' load is read from /proc
        }

        // Two spinning processes per core, not children of this process (the API's own tree is not "other programs").
        var spinners = StartSpinners(2 * Environment.ProcessorCount);
        try
        {
            var view = await AdviseAsync(new JsonObject { ["workload"] = "cpu.primes", ["parameters"] = new JsonObject { ["below"] = 200_000 }, ["budgetSeconds"] = Budget });

            Assert.Equal("succeeded", view["status"]!.GetValue<string>());
            var advice = view["advice"]!;
            Assert.Contains("busyMachine", advice["doubts"]!.AsArray().Select(d => d!.GetValue<string>()));
            Assert.Contains(advice["notes"]!.AsArray(), n => n!.GetValue<string>().Contains("threads runnable on average", StringComparison.Ordinal));
            Assert.Equal("inconclusive", advice["dotNet"]!["choice"]!.GetValue<string>());
            Assert.Equal("inconclusive", advice["gil"]!["choice"]!.GetValue<string>());
            Assert.True(view["conditions"]!["load"]!["meanOtherRunnable"]!.GetValue<double>() >= Environment.ProcessorCount / 2.0);
        }
        finally
        {
            foreach (var pid in spinners)
            {
                StopSpinner(pid);
            }
        }
    }

    public static TheoryData<string, string, string> BadRequests => new()
    {
        // body, the field the problem names, a fragment of its message
        { "[1]", "$", "must be a JSON object" },
        { "{\"budgetSeconds\":30}", "workload", "'workload' is required" },
        { "{\"workload\":\"cpu.nope\"}", "workload", "Unknown workload 'cpu.nope'" },
        { "{\"workload\":\"debug.crash\"}", "workload", "fault workload" },
        { "{\"workload\":\"cpu.primes\",\"parameters\":{\"below\":-1}}", "parameters.below", "must be from 0" },
        { "{\"workload\":\"cpu.primes\",\"parameters\":{\"limit\":1}}", "parameters.limit", "has no parameter 'limit'" },
        { "{\"workload\":\"cpu.primes\",\"parameters\":[1]}", "parameters", "must be a JSON object" },
        { "{\"workload\":\"cpu.primes\",\"budgetSeconds\":4}", "budgetSeconds", "from 5 to 300" },
        { "{\"workload\":\"cpu.primes\",\"budgetSeconds\":301}", "budgetSeconds", "from 5 to 300" },
        { "{\"workload\":\"cpu.primes\",\"budgetSeconds\":\"30\"}", "budgetSeconds", "whole number" },
        { "{\"workload\":\"cpu.primes\",\"executors\":[\"threads\"]}", "executors", "Unknown property 'executors'" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task SubmitAdvice_WithBadInput_Returns400NamingTheField(string body, string field, string fragment)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.Http.PostAsync(new Uri("/api/advice", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JobsClient.ReadProblemAsync(response);
        Assert.Contains(problem["errors"]![field]!.AsArray().Select(m => m!.GetValue<string>()), m => m.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetAdvice_WithAnUnknownOrBadId_Returns404Or400()
    {
        await Problems.AssertAsync(_client.Http, "GET", $"/api/advice/{Guid.NewGuid()}", 404, "No such advice");
        await Problems.AssertAsync(_client.Http, "GET", $"/api/advice/{Guid.NewGuid()}/report.md", 404, "No such advice");
        await Problems.AssertAsync(_client.Http, "GET", "/api/advice/nope", 400, "id");
    }

    private async Task<JsonObject> AdviseAsync(JsonObject request)
    {
        var accepted = await _client.PostAcceptedAsync("/api/advice", request);
        Assert.Equal($"/api/advice/{accepted["id"]}/report.md", accepted["links"]!["report"]!.GetValue<string>());
        var view = await _client.WaitAsync(accepted["links"]!["self"]!.GetValue<string>());
        Assert.True(view["status"]!.GetValue<string>() == "succeeded", view.ToJsonString());
        return view;
    }

    private static void AssertInterval(JsonNode estimate)
    {
        var value = estimate["value"]!.GetValue<double>();
        if (estimate["low"] is { } low && estimate["high"] is { } high)
        {
            Assert.True(low.GetValue<double>() <= value && value <= high.GetValue<double>(), $"interval {estimate.ToJsonString()}");
        }
    }

    private static List<int> StartSpinners(int count)
    {
        // The shell starts them in the background and exits, so they are nobody's children here.
        using var shell = Process.Start(new ProcessStartInfo("sh", ["-c", $"for i in $(seq {count}); do yes > /dev/null & echo $!; done"]) { RedirectStandardOutput = true })!;
        var pids = shell.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        shell.WaitForExit();
        return pids;
    }

    private static void StopSpinner(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            // gone already
        }
    }
}

/// <summary>Runs <see cref="AdviceApiTests"/> with no other test class at the same time.</summary>
[CollectionDefinition(AdviceApiTests.Name, DisableParallelization = true)]
public sealed class AdviceCollection;
