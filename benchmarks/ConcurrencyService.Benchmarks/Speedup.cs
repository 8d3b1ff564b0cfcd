using System.Diagnostics;
using System.Text.Json.Nodes;
using ConcurrencyService.Experiments.Advice;
using ConcurrencyService.Experiments.Results;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.Benchmarks;

/// <summary>
/// CPU speedup: the primes below 5,000,000 split into 16 equal-cost tasks, run on 1, 2, 4 and 8 workers — worker
/// processes and thread workers. The best of 5 runs each, after at least 2 s of uncounted runs. More workers than
/// cores cannot help. Each speedup is the Hodges-Lehmann ratio of the 1-worker runs over these, with its 95% interval
/// (the advisor's <see cref="Intervals.Ratio"/>), and a flag where it is above the ideal or the machine was busy
/// (other programs' runnable threads sampled before each run, the experiments' threshold). Beside each, the
/// hand-over: on each worker, the time from one task's end to the next one's start, by the worker's own clock (in the
/// counted runs; the median) — time the worker had work waiting and did none, which load inflates far less than wall time —
/// and a task's mean run time by the same clock, with its mean CPU time from the OS (a worker that shares its core with
/// other threads runs its tasks longer for the same CPU) and the CPU of every process involved per task.
/// </summary>
public static class Speedup
{
    private const int Tasks = 16;
    // Four runs on each side is the fewest that gives a 95% interval for a ratio; five leaves room for one outlier.
    private const int Runs = 5;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly int[] WorkerCounts = [1, 2, 4, 8];

    public static async Task RunAsync(Report report)
    {
        IWorkload workload = new PrimesWorkload();
        var values = ParameterBinder.Bind(workload, new JsonObject { ["below"] = 5_000_000 }).Values!;
        var job = new ValuesAndPieces(values, workload.Split(values, Tasks));
        var rows = new List<IReadOnlyList<string>>();
        Measured? processBase = null, threadBase = null;
        foreach (var workers in WorkerCounts)
        {
            var processes = await ProcessesAsync(workload, job, workers);
            var threads = await ThreadsAsync(workload, job, workers);
            processBase ??= processes;
            threadBase ??= threads;
            var ideal = Math.Min(workers, Environment.ProcessorCount);
            rows.Add([
                workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Report.Ms(processes.BestMs), SpeedupText(processBase, processes), processes.TaskMs, Gap(processes.GapMs),
                Report.Ms(threads.BestMs), SpeedupText(threadBase, threads), threads.TaskMs, Gap(threads.GapMs),
                Flags(ideal, [(processBase, processes, "processes"), (threadBase, threads, "threads")])]);
        }

        Report.Table(
            "CPU speedup by worker count",
            $"cpu.primes below 5,000,000 as {Tasks} tasks; wall time of the whole job, best of {Runs} after a {WarmUp.TotalSeconds:0} s warm-up; " +
            $"speedup over 1 worker with its 95% interval over the {Runs} runs each; {Environment.ProcessorCount} cores.",
            ["workers", "processes", "speedup [95% CI]", "task mean", "hand-over p50", "threads", "speedup [95% CI]", "task mean", "hand-over p50", "flag"],
            rows);
    }

    private static Estimate Ratio(Measured baseline, Measured cell) => Intervals.Ratio(baseline.WallsMs, cell.WallsMs);

    private static string SpeedupText(Measured baseline, Measured cell) =>
        Ratio(baseline, cell) is var e && e is { Low: { } low, High: { } high } ? $"{e.Value:0.00}× [{low:0.00}, {high:0.00}]" : $"{e.Value:0.00}× (n too small)";

    /// <summary>Why a row's speedups are not to be read as the executors': above the ideal, or a busy machine.</summary>
    private static string Flags(int ideal, IReadOnlyList<(Measured Baseline, Measured Cell, string Name)> cells)
    {
        List<string> flags = [.. cells
            .Where(c => Ratio(c.Baseline, c.Cell).Value > ideal)
            .Select(c => $"{c.Name} above the ideal {ideal}×: the 1-worker runs ran slow (a busy moment); read it as at most {ideal}×")];
        var busy = cells.SelectMany(c => new[] { c.Baseline.Load, c.Cell.Load }).OfType<MachineLoad>().Where(l => l.IsBusy(Environment.ProcessorCount)).ToList();
        if (busy.Count > 0)
        {
            flags.Add($"busy machine: other programs kept up to {busy.Max(l => l.MeanOtherRunnable):0.#} threads runnable on average on {Environment.ProcessorCount} cores");
        }

        return flags.Count == 0 ? "" : "⚑ " + string.Join("; ", flags);
    }

    private static async Task<Measured> ProcessesAsync(IWorkload workload, ValuesAndPieces job, int workers)
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

    private static async Task<Measured> ThreadsAsync(IWorkload workload, ValuesAndPieces job, int workers)
    {
        using var pool = new ThreadWorkerPool(workers, "bench");
        return await BestOfAsync(workload, job, () => ProcessCpu.TotalMs(Environment.ProcessId), () => job.Pieces.Select(async p =>
        {
            var result = await InProcess.RunAsync(pool, workload, p);
            return new Ran(result.Output!, result.ThreadId, result.StartedAt, result.Duration, result.CpuTime?.TotalMilliseconds);
        }));
    }

    // cpuNow: the CPU used so far by every process the job runs in (for processes: the host, its workers and this client).
    private static async Task<Measured> BestOfAsync(
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
        var walls = new List<double>();
        var loads = new List<int>();
        var gaps = new List<double>();
        var durations = new List<double>();
        var cpu = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            if (MachineLoad.OtherRunnableNow() is { } runnable)
            {
                loads.Add(runnable);
            }

            var (elapsed, ran) = await RunOnceAsync(workload, job, run);
            walls.Add(elapsed);
            gaps.AddRange(HandOvers(ran));
            durations.AddRange(ran.Select(r => r.Duration.TotalMilliseconds));
            cpu.AddRange(ran.Select(r => r.CpuMs).OfType<double>());
        }

        gaps.Sort();
        var allCpu = (cpuNow() - cpuAtStart) / durations.Count;
        var taskMs = $"{durations.Average():0.0} ms" + (cpu.Count > 0 ? $" ({cpu.Average():0.0} CPU; all processes {allCpu:0.0})" : "");
        return new(walls.Min(), walls, gaps.Count == 0 ? double.NaN : gaps[gaps.Count / 2], taskMs, MachineLoad.From(loads));
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

    /// <summary>One executor at one worker count: its best and every counted run, and the machine's load before them.</summary>
    private sealed record Measured(double BestMs, IReadOnlyList<double> WallsMs, double GapMs, string TaskMs, MachineLoad? Load);

    private sealed record ValuesAndPieces(ParameterValues Values, IReadOnlyList<object> Pieces);
}
