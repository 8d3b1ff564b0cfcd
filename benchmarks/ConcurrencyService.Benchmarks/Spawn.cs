using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ConcurrencyService.Core.Executors.Processes;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.Benchmarks;

/// <summary>
/// Tutorial 1's experiment: tasks run one at a time, each in a fresh process. Without spares every task pays a
/// process start and exit; with spares the start overlaps the previous task.
/// </summary>
public static class Spawn
{
    private const int Tasks = 100;

    private static readonly IWorkload Squares = new SquaresWorkload();

    public static async Task<double> RunAsync(Report report)
    {
        var rows = new List<IReadOnlyList<string>>();
        var noSpares = double.NaN;
        foreach (var spares in new[] { 0, 2 })
        {
            await using var host = await EmbeddedHost.StartAsync(workers: 1, mode: "spawn", spares: spares);
            var samples = new List<double>();
            var pids = new HashSet<int>();
            var piece = new SquaresWorkload.Piece(0, 10000);
            for (var i = 0; i < Tasks + 5; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var (result, _, _) = await host.Connection.RunAsync(Squares, piece, _ => { }, CancellationToken.None);
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (result.Status != TaskRunStatus.Succeeded)
                {
                    throw new InvalidOperationException($"Task failed: {result.Error}");
                }

                if (i >= 5)
                {
                    samples.Add(elapsed);
                    pids.Add(result.ProcessId ?? 0);
                }
            }

            samples.Sort();
            noSpares = spares == 0 ? Report.Percentile(samples, 50) : noSpares;
            rows.Add([$"spawn, {spares} spares", Tasks.ToString(CultureInfo.InvariantCulture), pids.Count.ToString(CultureInfo.InvariantCulture),
                Report.Ms(Report.Percentile(samples, 50)), Report.Ms(Report.Percentile(samples, 99)), Report.Ms(samples.Average())]);
        }

        rows.Add(await FloorAsync());
        Report.Table(
            "Spawn mode: a fresh process per task",
            $"{Tasks} tasks (tutorial 1's 10,000-iteration squares loop), one after another, each in a new worker process. " +
            $"The last row is the floor: the same worker executable started {Tasks} times with `{WorkerArguments.VersionFlag}`, timed to its one line of output — " +
            "the runtime's start with no workload code. CPython's start + join of a process: see the side-by-side table.",
            ["mode", "tasks", "distinct pids", "p50 per task", "p99", "mean"],
            rows);
        return noSpares;
    }

    // The worker executable as the pool starts it, with --version: process creation and the runtime's start, timed to
    // the line it prints (a spawned worker's result is likewise taken as soon as it arrives, before the process exits).
    private static async Task<IReadOnlyList<string>> FloorAsync()
    {
        var samples = new List<double>();
        var pids = new HashSet<int>();
        for (var i = 0; i < Tasks + 5; i++)
        {
            var info = WorkerHostCommand.CreateWorker(new ProcessesExecutorOptions());
            info.ArgumentList.Clear();
            info.ArgumentList.Add(WorkerArguments.VersionFlag);
            var start = Stopwatch.GetTimestamp();
            using var process = Process.Start(info)!;
            var line = await process.StandardOutput.ReadLineAsync();
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            await process.WaitForExitAsync();
            if (line != WorkerArguments.VersionLine)
            {
                throw new InvalidOperationException($"The worker answered {WorkerArguments.VersionFlag} with '{line}' (exit code {process.ExitCode}).");
            }

            if (i >= 5)
            {
                samples.Add(elapsed);
                pids.Add(process.Id);
            }
        }

        samples.Sort();
        return [$"floor: worker executable, `{WorkerArguments.VersionFlag}`", Tasks.ToString(CultureInfo.InvariantCulture), pids.Count.ToString(CultureInfo.InvariantCulture),
            Report.Ms(Report.Percentile(samples, 50)), Report.Ms(Report.Percentile(samples, 99)), Report.Ms(samples.Average())];
    }
}
