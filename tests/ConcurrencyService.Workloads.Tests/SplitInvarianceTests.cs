using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Http;

namespace ConcurrencyService.Workloads.Tests;

/// <summary>The key rule: the combined output of N pieces is exactly (bit for bit in its JSON) the output of one piece.</summary>
public sealed class SplitInvarianceTests
{
    /// <summary>Small but awkward sizes: not multiples of the piece counts, and fewer Monte Carlo blocks (13) than 16 pieces.</summary>
    internal static readonly Dictionary<string, string> Parameters = new(StringComparer.Ordinal)
    {
        ["cpu.primes"] = """{ "below": 100003 }""",
        ["cpu.sqrt"] = """{ "count": 100003 }""",
        ["cpu.squares"] = """{ "iterations": 100003 }""",
        ["cpu.countdown"] = """{ "from": 1000003 }""",
        ["cpu.montecarlo"] = """{ "paths": 50001, "spot": 95, "strike": 100, "volatility": 0.3, "seed": 7 }""",
        ["mixed"] = """{ "cpuMs": 1, "waitMs": 1, "rounds": 17 }""",
        ["io.sleep"] = """{ "ms": 5 }""",
        ["io.http"] = """{ "url": "{server}api/echo/bytes/42" }""", // a real fetch from a loopback server
        ["io.file"] = """{ "bytes": 200003 }""",
    };

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in Parameters.Keys)
        {
            foreach (var tasks in new[] { 1, 2, 3, 7, 16 })
            {
                data.Add(name, tasks);
            }
        }

        return data;
    }

    [Fact]
    public void Cases_CoverEveryStandardWorkload() =>
        Assert.Equal(StandardWorkloads.All.Select(w => w.Name).Order(), Parameters.Keys.Order());

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Combine_OfNPieces_SerialisesExactlyLikeOnePiece(string workloadName, int tasks)
    {
        using var scratch = new ScratchDirectory();
        await using var server = new LoopbackServer();
        using var client = new HttpClient(AllowlistHttpFetcher.CreateHandler());
        var fetcher = new AllowlistHttpFetcher(client, () => [server.Url("api/echo/")]);
        var workload = StandardWorkloads.All.Single(w => w.Name == workloadName);
        var values = WorkloadRunner.Bind(workload, Parameters[workloadName].Replace("{server}", server.BaseAddress.ToString(), StringComparison.Ordinal));

        var single = await WorkloadRunner.RunAsync(workload, values, 1, scratch.Context(fetcher));
        var split = await WorkloadRunner.RunAsync(workload, values, tasks, scratch.Context(fetcher));

        Assert.Equal(single.ToJsonString(), split.ToJsonString());
        if (workloadName == "io.http")
        {
            Assert.Equal(1 + tasks, server.Requests.Count(p => p == "/api/echo/bytes/42")); // each piece fetched for real
        }
    }
}
