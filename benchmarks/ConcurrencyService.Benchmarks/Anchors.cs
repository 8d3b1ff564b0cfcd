using System.Globalization;
using System.Text.Json.Nodes;
using ConcurrencyService.Experiments.Claims;

namespace ConcurrencyService.Benchmarks;

/// <summary>
/// The CPython anchors, measured in the same run on the same machine with the programs the claims report runs
/// (shipped with the API in Python/), and the .NET figures each is set beside. A missing python3 is said, not guessed.
/// </summary>
public static class Anchors
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(Figures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var apply = await PythonAsync("pool_apply.py", "3000", "20000");
        var fork = await PythonAsync("tutorial1_start_cost.py", "20", "10000", "fork");
        var spawn = await PythonAsync("tutorial1_start_cost.py", "20", "10000", "spawn");
        var primes = await PythonAsync("tutorial3_primes.py", "1000000", "2", "--no-threads");
        var sleeps = await PythonAsync("tutorial4_sleeps.py", "10", "0.5", "2");

        var (primesMs, sleepsMs) = await OverHttpAsync();
        var python = apply.Version ?? fork.Version ?? "";
        Report.Table(
            "Side by side with CPython " + python,
            "Both columns from this run. Ratio = CPython ÷ .NET (above 1: .NET is faster). " +
            "A fork()ed Python child shares its parent's warm interpreter; spawn starts a fresh one, as a .NET worker process is.",
            ["benchmark", ".NET", "CPython", "ratio"],
            [
                Row("warm no-op round trip, p50 (worker process ↔ `Pool.apply`)", figures.RoundTripP50Us, apply.Number("p50Us"), Report.Us, apply.Problem),
                Row("process start + task + exit (spawn mode, no spares ↔ `Process` start + join, spawn)", figures.SpawnPerTaskMs, spawn.Number("processMs"), Report.Ms, spawn.Problem),
                Row("same, against Python's fork start method", figures.SpawnPerTaskMs, fork.Number("processMs"), Report.Ms, fork.Problem),
                Row("primes below 1,000,000 on 2 workers (HTTP job on processes, 2 tasks ↔ `Pool(2).map`)", primesMs, primes.Number("poolS") * 1000, Report.Ms, primes.Problem),
                Row("ten 0.5 s sleeps on 2 workers (HTTP job on threads ↔ `ThreadPoolExecutor(2)`)", sleepsMs, sleeps.Number("threadsS") * 1000, Report.Ms, sleeps.Problem),
            ]);
    }

    private static async Task<CPythonResult> PythonAsync(params string[] arguments) =>
        await CPython.RunAsync(arguments[0], arguments[1..], Limit, CancellationToken.None);

    // Wall time seen by an HTTP client from POST to the finished job, best of 5 after 2 warm-ups.
    private static async Task<(double Primes, double Sleeps)> OverHttpAsync()
    {
        await using var service = await ServiceOverHttp.StartAsync(workers: 2);
        async Task<double> BestAsync(string workload, JsonObject parameters, string executor, int tasks)
        {
            var best = double.MaxValue;
            for (var i = 0; i < 7; i++)
            {
                var (wall, _, _) = await service.RunJobAsync(workload, (JsonObject)parameters.DeepClone(), executor, tasks);
                best = i >= 2 ? Math.Min(best, wall) : best;
            }

            return best;
        }

        return (await BestAsync("cpu.primes", new JsonObject { ["below"] = 1_000_000 }, "processes", 2),
                await BestAsync("io.sleep", new JsonObject { ["ms"] = 500 }, "threads", 10));
    }

    private static IReadOnlyList<string> Row(string name, double? dotnet, double? python, Func<double, string> format, string? problem) =>
    [
        name,
        dotnet is { } d ? format(d) : "not run",
        python is { } p ? format(p) : problem ?? CPython.NotFound,
        dotnet is { } a && python is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / a:0.0}×") : "—",
    ];
}

/// <summary>The .NET figures the anchors are set beside, filled in by the benchmarks that ran.</summary>
public sealed class Figures
{
    public double? RoundTripP50Us { get; set; }

    public double? SpawnPerTaskMs { get; set; }
}
