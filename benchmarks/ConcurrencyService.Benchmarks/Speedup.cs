using System.Diagnostics;
using System.Text.Json.Nodes;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.Benchmarks;

/// <summary>
/// CPU speedup: the primes below 5,000,000 split into 16 equal-cost tasks, run on 1, 2, 4 and 8 workers — worker
/// processes and thread workers. The best of 3 runs each, after at least 2 s of uncounted runs. More workers than
/// cores cannot help. Beside each, the
/// hand-over: on each worker, the time from one task's end to the next one's start, by the worker's own clock (in the
/// counted runs; the median) — time the worker had work waiting and did none, which load inflates far less than wall time —
/// and a task's mean run time by the same clock, with its mean CPU time from the OS (a worker that shares its core with
/// other threads runs its tasks longer for the same CPU) and the CPU of every process involved per task.
/// </summary>
public static class Speedup
{
    private const int Tasks = 16;
    private const int Runs = 3;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly int[] WorkerCounts = [1, 2, 4, 8];

    public static async Task RunAsync(Report report)
    {
        IWorkload workload = new PrimesWorkload();
        var values = ParameterBinder.Bind(workload, new JsonObject { ["below"] = 5_000_000 }).Values!;
        var job = new ValuesAndPieces(values, workload.Split(values, Tasks));
        var rows = new List<IReadOnlyList<string>>();
        double? processBase = null, threadBase = null;
        foreach (var workers in WorkerCounts)
        {
            var (processes, processGap, processTask) = await ProcessesAsync(workload, job, workers);
            var (threads, threadGap, threadTask) = await ThreadsAsync(workload, job, workers);
            processBase ??= processes;
            threadBase ??= threads;
            rows.Add([
                workers.ToString(System.Globalization.CultureInfo.InvariantCulture), Report.Ms(processes), $"{processBase / processes:0.00}×", processTask, Gap(processGap),
                Report.Ms(threads), $"{threadBase / threads:0.00}×", threadTask, Gap(threadGap)]);
        }

        Report.Table(
            "CPU speedup by worker count",
            $"cpu.primes below 5,000,000 as {Tasks} tasks; wall time of the whole job, best of {Runs} after a {WarmUp.TotalSeconds:0} s warm-up; {Environment.ProcessorCount} cores.",
            ["workers", "processes", "speedup", "task mean", "hand-over p50", "threads", "speedup", "task mean", "hand-over p50"],
            rows);
    }

    private static async Task<(double Ms, double GapMs, string TaskMs)> ProcessesAsync(IWorkload workload, ValuesAndPieces job, int workers)
    {
        await using var host = await EmbeddedHost.StartAsync(workers);
        return await BestOfAsync(workload, job, () => ProcessCpu.TreeMs(host.ProcessId) + ProcessCpu.TotalMs(Environment.ProcessId), () => job.Pieces.Select(async p =>
        {
            var (result, output, _) = await host.Connection.RunAsync(workload, p, _ => { }, CancellationToken.None);
            return result.Status == TaskRunStatus.Succeeded
                ? new Ran(output!, result.ProcessId!.Value, result.StartedAt!.Value, TimeSpan.FromMilliseconds(result.DurationMs!.Value), result.CpuTimeMs)
                : throw new InvalidOperationException(result.Error);
        }));
    }

    private static async Task<(double Ms, double GapMs, string TaskMs)> ThreadsAsync(IWorkload workload, ValuesAndPieces job, int workers)
    {
        using var pool = new ThreadWorkerPool(workers, "bench");
        return await BestOfAsync(workload, job, () => ProcessCpu.TotalMs(Environment.ProcessId), () => job.Pieces.Select(async p =>
        {
            var result = await InProcess.RunAsync(pool, workload, p);
            return new Ran(result.Output!, result.ThreadId, result.StartedAt, result.Duration, result.CpuTime?.TotalMilliseconds);
        }));
    }

    // cpuNow: the CPU used so far by every process the job runs in (for processes: the host, its workers and this client).
    private static async Task<(double Ms, double GapMs, string TaskMs)> BestOfAsync(
        IWorkload workload, ValuesAndPieces job, Func<double> cpuNow, Func<IEnumerable<Task<Ran>>> run)
    {
        // Warm-up runs for at least WarmUp, not counted: a fresh host's (and this client's) tiered JIT recompiles their
        // hot paths in the background for their first seconds of work, 10-20 ms of CPU per task on the cores the
        // workers use (docs/performance.md, "The benchmarks warm up first"); the benchmark measures the executor warm, as a long-lived API runs it.
        var warmingUp = Stopwatch.GetTimestamp();
        do
        {
            await RunOnceAsync(workload, job, run);
        }
        while (Stopwatch.GetElapsedTime(warmingUp) < WarmUp);

        var cpuAtStart = cpuNow();
        var best = double.MaxValue;
        var gaps = new List<double>();
        var durations = new List<double>();
        var cpu = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var (elapsed, ran) = await RunOnceAsync(workload, job, run);
            best = Math.Min(best, elapsed);
            gaps.AddRange(HandOvers(ran));
            durations.AddRange(ran.Select(r => r.Duration.TotalMilliseconds));
            cpu.AddRange(ran.Select(r => r.CpuMs).OfType<double>());
        }

        gaps.Sort();
        var allCpu = (cpuNow() - cpuAtStart) / durations.Count;
        var taskMs = $"{durations.Average():0.0} ms" + (cpu.Count > 0 ? $" ({cpu.Average():0.0} CPU; all processes {allCpu:0.0})" : "");
        return (best, gaps.Count == 0 ? double.NaN : gaps[gaps.Count / 2], taskMs);
    }

    private static async Task<(double Ms, Ran[] Ran)> RunOnceAsync(IWorkload workload, ValuesAndPieces job, Func<IEnumerable<Task<Ran>>> run)
    {
        var start = Stopwatch.GetTimestamp();
        var ran = await Task.WhenAll(run());
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var sum = workload.Combine(job.Values, [.. ran.Select(r => r.Output)])["sum"]!.GetValue<long>();
        return sum == 838_596_693_108 ? (elapsed, ran) : throw new InvalidOperationException($"Wrong sum {sum}.");
    }

    // On each worker, from one task's end to the start of the next, both by that worker's clock.
    private static IEnumerable<double> HandOvers(IEnumerable<Ran> ran) =>
        ran.GroupBy(r => r.Worker).SelectMany(w =>
        {
            var inOrder = w.OrderBy(r => r.StartedAt).ToList();
            return inOrder.Zip(inOrder.Skip(1), (a, b) => (b.StartedAt - (a.StartedAt + a.Duration)).TotalMilliseconds);
        });

    private static string Gap(double ms) => double.IsNaN(ms) ? "—" : $"{ms * 1000:0} µs";

    /// <summary>One task's output and where and when it ran, as the worker measured it.</summary>
    private sealed record Ran(object Output, long Worker, DateTimeOffset StartedAt, TimeSpan Duration, double? CpuMs);

    private sealed record ValuesAndPieces(ParameterValues Values, IReadOnlyList<object> Pieces);
}
