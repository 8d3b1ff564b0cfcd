using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.Benchmarks;

/// <summary>
/// Round trip of a no-op task (cpu.squares with 0 iterations), one at a time: through a warm worker process
/// (API-side socket → worker host → worker pipe and back), and through an in-process thread worker for scale.
/// </summary>
public static class RoundTrip
{
    private const int Warmup = 3_000;
    private const int Measured = 20_000;
    private static readonly TimeSpan MinWarmup = TimeSpan.FromSeconds(2);

    public static async Task<double> RunAsync(Report report)
    {
        var workload = new SquaresWorkload();
        var piece = new SquaresWorkload.Piece(0, 0);
        var (processes, cpuUs) = await ProcessesAsync(workload, piece);
        var threads = await ThreadsAsync(workload, piece);
        Report.Table(
            "Warm round trip of a no-op task",
            $"{Measured:N0} sequential tasks after {Warmup:N0} warm-up and at least {MinWarmup.TotalSeconds:0} s (the tiered JIT settles); one worker. CPython's `Pool.apply`: see the side-by-side table.",
            ["executor", "p50", "p90", "p99", "mean"],
            [Row("worker process (socket + host + pipes)", processes), Row("thread worker (in process)", threads)]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU per round trip through a worker process (from /proc): {cpuUs.Sum():0} µs — client {cpuUs[0]:0}, host {cpuUs[1]:0}, worker {cpuUs[2]:0}."));
        Console.WriteLine();
        return Report.Percentile(processes, 50);
    }

    private static async Task<(List<double> Samples, double[] CpuUsPerTask)> ProcessesAsync(IWorkload workload, object piece)
    {
        await using var host = await EmbeddedHost.StartAsync(workers: 1);
        var samples = new List<double>(Measured);
        var worker = 0;
        await WarmUpAsync(async () => worker = (await host.Connection.RunAsync(workload, piece, _ => { }, CancellationToken.None)).Result.ProcessId ?? 0);
        int[] pids = [Environment.ProcessId, host.ProcessId, worker];
        var cpuBefore = pids.Select(p => ProcessCpu.TotalMs(p)).ToArray();
        for (var i = 0; i < Warmup + Measured; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var (result, _, _) = await host.Connection.RunAsync(workload, piece, _ => { }, CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            if (result.Status != TaskRunStatus.Succeeded)
            {
                throw new InvalidOperationException($"No-op task failed: {result.Error}");
            }

            if (i >= Warmup)
            {
                samples.Add(elapsed);
            }
        }

        var perTask = pids.Select((p, i) => (ProcessCpu.TotalMs(p) - cpuBefore[i]) * 1000 / (Warmup + Measured)).ToArray();
        return (samples, perTask);
    }

    private static async Task<List<double>> ThreadsAsync(IWorkload workload, object piece)
    {
        using var pool = new ThreadWorkerPool(1, "bench");
        var samples = new List<double>(Measured);
        await WarmUpAsync(() => InProcess.RunAsync(pool, workload, piece));
        for (var i = 0; i < Warmup + Measured; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await InProcess.RunAsync(pool, workload, piece);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            if (i >= Warmup)
            {
                samples.Add(elapsed);
            }
        }

        return samples;
    }

    private static async Task WarmUpAsync(Func<Task> run)
    {
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < MinWarmup)
        {
            await run();
        }
    }

    private static IReadOnlyList<string> Row(string name, List<double> samples)
    {
        samples.Sort();
        return [name, Report.Us(Report.Percentile(samples, 50)), Report.Us(Report.Percentile(samples, 90)), Report.Us(Report.Percentile(samples, 99)), Report.Us(samples.Average())];
    }
}
