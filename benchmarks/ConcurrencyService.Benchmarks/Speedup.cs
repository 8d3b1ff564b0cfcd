using System.Diagnostics;
using System.Text.Json.Nodes;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.Benchmarks;

/// <summary>
/// CPU speedup: the primes below 5,000,000 split into 16 equal-cost tasks, run on 1, 2, 4 and 8 workers — worker
/// processes and thread workers. The best of 3 runs each. More workers than cores cannot help.
/// </summary>
public static class Speedup
{
    private const int Tasks = 16;
    private const int Runs = 3;
    private static readonly int[] WorkerCounts = [1, 2, 4, 8];

    public static async Task RunAsync(Report report)
    {
        IWorkload workload = new PrimesWorkload();
        var values = ParameterBinder.Bind(workload, new JsonObject { ["below"] = 5_000_000 }).Values!;
        var pieces = workload.Split(values, Tasks);
        var rows = new List<IReadOnlyList<string>>();
        double? processBase = null, threadBase = null;
        foreach (var workers in WorkerCounts)
        {
            var processes = await ProcessesAsync(workload, values, pieces, workers);
            var threads = await ThreadsAsync(workload, values, pieces, workers);
            processBase ??= processes;
            threadBase ??= threads;
            rows.Add([workers.ToString(System.Globalization.CultureInfo.InvariantCulture), Report.Ms(processes), $"{processBase / processes:0.00}×", Report.Ms(threads), $"{threadBase / threads:0.00}×"]);
        }

        Report.Table(
            "CPU speedup by worker count",
            $"cpu.primes below 5,000,000 as {Tasks} tasks; wall time of the whole job, best of {Runs}; {Environment.ProcessorCount} cores.",
            ["workers", "processes", "speedup", "threads", "speedup"],
            rows);
    }

    private static async Task<double> ProcessesAsync(IWorkload workload, ParameterValues values, IReadOnlyList<JsonNode> pieces, int workers)
    {
        await using var host = await EmbeddedHost.StartAsync(workers);
        return await BestOfAsync(workload, values, () => pieces.Select(async p =>
        {
            var (result, _) = await host.Connection.RunAsync(workload.Name, p, _ => { }, CancellationToken.None);
            return result.Status == TaskRunStatus.Succeeded ? result.Output! : throw new InvalidOperationException(result.Error);
        }));
    }

    private static async Task<double> ThreadsAsync(IWorkload workload, ParameterValues values, IReadOnlyList<JsonNode> pieces, int workers)
    {
        using var pool = new ThreadWorkerPool(workers, "bench");
        return await BestOfAsync(workload, values, () => pieces.Select(async p => (await InProcess.RunAsync(pool, workload, p)).Output!));
    }

    private static async Task<double> BestOfAsync(IWorkload workload, ParameterValues values, Func<IEnumerable<Task<JsonNode>>> run)
    {
        var best = double.MaxValue;
        for (var i = 0; i < Runs + 1; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var outputs = await Task.WhenAll(run());
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var sum = workload.Combine(values, outputs)["sum"]!.GetValue<long>();
            if (sum != 838_596_693_108)
            {
                throw new InvalidOperationException($"Wrong sum {sum}.");
            }

            if (i > 0)
            {
                best = Math.Min(best, elapsed); // the first run warms up (JIT, caches) and is not counted
            }
        }

        return best;
    }
}
