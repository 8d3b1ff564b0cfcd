using System.Diagnostics;
using System.Globalization;
using ConcurrencyService.Core.Executors.Processes;
using ConcurrencyService.Testing;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Catalog.Diagnostics;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Plugins;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.Benchmarks;

/// <summary>
/// What plugins cost in worker processes: the plugin-capable (framework-dependent) worker beside the lean one, in one
/// run: start to ready, a fresh process per task, and a warm round trip; and a plugin's own no-op piece (MessagePack
/// both ways) beside a built-in's.
/// </summary>
public static class PluginWorker
{
    private const int Starts = 30;
    private const int SpawnTasks = 40;
    private const int RoundTrips = 3000;

    private static readonly IWorkload Squares = new SquaresWorkload();

    public static async Task RunAsync()
    {
        var plugin = One(PluginLoading.Load([Samples], StandardWorkloads.All.Concat(DiagnosticWorkloads.All).Select(w => w.Name)));
        var compress = plugin.Workloads.Single(w => w.Name == "samples.compress");
        var noOp = compress.Split(OneBlock(compress), 2)[0]; // blocks [0, 0): no work, only the piece's and output's trip
        var flavours = new (string Name, IReadOnlyList<PluginArgument> Arguments, IReadOnlyList<string> Paths)[]
        {
            ("lean (no plugins)", [], []),
            ("plugin-capable", [new PluginArgument(plugin.Path, plugin.Hash)], [plugin.Path]),
        };

        var rows = new List<IReadOnlyList<string>>();
        foreach (var (name, arguments, paths) in flavours)
        {
            var ready = await StartToReadyAsync(arguments);
            var spawn = await SpawnPerTaskAsync(paths);
            var warm = await WarmRoundTripAsync(paths, Squares, new SquaresWorkload.Piece(0, 0));
            rows.Add([name, Report.Ms(Report.Percentile(ready, 50)), Report.Ms(Report.Percentile(spawn, 50)), Us(Report.Percentile(warm, 50))]);
        }

        var pluginPiece = await WarmRoundTripAsync([plugin.Path], compress, noOp);
        rows.Add(["plugin-capable, a plugin's no-op piece (samples.compress, 0 blocks)", "—", "—", Us(Report.Percentile(pluginPiece, 50))]);
        Report.Table(
            "Plugins: the plugin-capable worker beside the lean one",
            $"Start to ready: {Starts} workers started one at a time, timed to their ready frame (they load the plugin first). Spawn: {SpawnTasks} " +
            $"no-op squares tasks in spawn mode, no spares. Warm: {RoundTrips} sequential no-op tasks on one warm worker. All p50.",
            ["worker", "start to ready", "spawn per task", "warm round trip"],
            rows);
    }

    private static string Samples => Repository.PathOf("samples", "Workloads", "bin", "Release", "net10.0");

    private static LoadedPlugin One(IReadOnlyList<LoadedPlugin> plugins) => plugins.Count == 1 ? plugins[0] : throw new InvalidOperationException("Expected the one sample plugin.");

    private static Workloads.Parameters.ParameterValues OneBlock(IWorkload workload) =>
        Workloads.Parameters.ParameterBinder.Bind(workload, new System.Text.Json.Nodes.JsonObject { ["blocks"] = 1 }).Values!;

    private static async Task<List<double>> StartToReadyAsync(IReadOnlyList<PluginArgument> plugins)
    {
        var samples = new List<double>();
        for (var i = 0; i < Starts + 3; i++)
        {
            var info = WorkerHostCommand.CreateWorker(new ProcessesExecutorOptions(), plugins);
            var start = Stopwatch.GetTimestamp();
            using var process = Process.Start(info)!;
            process.ErrorDataReceived += static (_, _) => { };
            process.BeginErrorReadLine();
            var frame = await Task.Run(() => Frames.Read(process.StandardOutput.BaseStream));
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (frame?.Type != FrameType.WorkerReady)
            {
                throw new InvalidOperationException($"The worker said {frame?.Type.ToString() ?? "nothing"} instead of ready.");
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync();
            if (i >= 3)
            {
                samples.Add(elapsed);
            }
        }

        samples.Sort();
        return samples;
    }

    private static async Task<List<double>> SpawnPerTaskAsync(IReadOnlyList<string> plugins)
    {
        await using var host = await EmbeddedHost.StartAsync(workers: 1, mode: "spawn", spares: 0, plugins: plugins);
        var samples = new List<double>();
        for (var i = 0; i < SpawnTasks + 3; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var (result, _, _) = await host.Connection.RunAsync(Squares, new SquaresWorkload.Piece(0, 0), _ => { }, CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            Succeeded(result);
            if (i >= 3)
            {
                samples.Add(elapsed);
            }
        }

        samples.Sort();
        return samples;
    }

    private static async Task<List<double>> WarmRoundTripAsync(IReadOnlyList<string> plugins, IWorkload workload, object piece)
    {
        await using var host = await EmbeddedHost.StartAsync(workers: 1, plugins: plugins);
        var samples = new List<double>(RoundTrips);
        for (var i = 0; i < RoundTrips + 500; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var (result, _, _) = await host.Connection.RunAsync(workload, piece, _ => { }, CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            Succeeded(result);
            if (i >= 500)
            {
                samples.Add(elapsed);
            }
        }

        samples.Sort();
        return samples;
    }

    private static void Succeeded(TaskCompletedMessage result)
    {
        if (result.Status != TaskRunStatus.Succeeded)
        {
            throw new InvalidOperationException($"Task failed: {result.Error}");
        }
    }

    private static string Us(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms * 1000:0.0} µs");
}
