using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ConcurrencyService.Core.Executors.Processes;
using ConcurrencyService.Experiments.Claims;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Parameters;
using ConcurrencyService.Workloads.Protocol;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Experiments.Running;

/// <summary>
/// Tutorial 1, for real: start a <see cref="Thread"/> running <c>cpu.squares</c> and join it, so many times in a row; then
/// start a worker process — the worker host's own executable, with the command line and environment its spawn pool
/// uses — hand it the same task over its pipe, wait for the result and for the process to exit, so many times in a row.
/// The first start of each kind is untimed: it pays for loading code, not for starting. Then CPython's figure for the
/// same count and loop, measured live with tutorial 1's program (spawn start method).
/// </summary>
public sealed class StartCostExperimentRunner(WorkloadContext context, DedicatedHostSettings hosts, RunConditions conditions)
{
    private const string MeasuringPython = "CPython: measuring after the .NET starts";

    private static readonly TimeSpan PythonLimit = TimeSpan.FromMinutes(3);

    private static readonly IWorkload Squares = new SquaresWorkload();

    public async Task RunAsync(Experiment experiment, StartCostPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(plan);
        var piece = Squares.Split(ParameterBinder.Bind(Squares, new JsonObject { ["iterations"] = plan.Iterations }).Values!, 1)[0];
        var expected = (await Squares.RunPieceAsync(piece, context, cancellationToken)).ToString()!;

        var threads = await Task.Factory.StartNew(
            () => Measure(plan.Starts, () => StartAndJoinThread(piece, expected), experiment, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        experiment.SetStartCost(View(plan, threads, null, MeasuringPython));

        var start = WorkerHostCommand.CreateWorker(hosts.Processes);
        var task = Frames.Encode(FrameType.RunTask, new RunTaskMessage(1, Squares.Name, Squares.EncodePiece(piece)));
        var processes = new List<double>(plan.Starts);
        await StartAndJoinProcessAsync(start, task, expected, cancellationToken);
        for (var i = 0; i < plan.Starts; i++)
        {
            conditions.Observe(experiment);
            processes.Add(await StartAndJoinProcessAsync(start, task, expected, cancellationToken));
            experiment.CountRun();
        }

        experiment.SetStartCost(View(plan, threads, processes, MeasuringPython));

        // Tutorial 1's own program on the same machine, after the .NET starts (so neither takes the other's cores): a
        // figure measured now beside ours, or "CPython not found" — never a figure from another day.
        var python = await CPython.RunAsync(
            "tutorial1_start_cost.py",
            [plan.Starts.ToString(CultureInfo.InvariantCulture), plan.Iterations.ToString(CultureInfo.InvariantCulture), "spawn"],
            PythonLimit,
            cancellationToken);
        experiment.SetStartCost(View(plan, threads, processes, new CPythonEvidence(null, python, null, null).StartCostText()));
    }

    private List<double> Measure(int starts, Func<double> once, Experiment experiment, CancellationToken cancellationToken)
    {
        once();
        var times = new List<double>(starts);
        for (var i = 0; i < starts; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            conditions.Observe(experiment);
            times.Add(once());
            experiment.CountRun();
        }

        return times;
    }

    private double StartAndJoinThread(object piece, string expected)
    {
        string? output = null;
        var started = MonotonicClock.Timestamp;
        var thread = new Thread(() => output = Squares.RunPieceAsync(piece, context, CancellationToken.None).AsTask().GetAwaiter().GetResult().ToString());
        thread.Start();
        thread.Join();
        var elapsed = MonotonicClock.Since(started).TotalMilliseconds;
        return output == expected ? elapsed : throw new ExperimentFailedException("resultMismatch", $"A thread computed {output}; expected {expected}.");
    }

    private static async Task<double> StartAndJoinProcessAsync(ProcessStartInfo start, byte[] task, string expected, CancellationToken cancellationToken)
    {
        var started = MonotonicClock.Timestamp;
        using var process = Process.Start(start) ?? throw new ExperimentFailedException("workerStartFailed", $"'{start.FileName}' did not start.");
        try
        {
            process.ErrorDataReceived += static (_, _) => { };
            process.BeginErrorReadLine();
            var input = process.StandardInput.BaseStream;
            await input.WriteAsync(task, cancellationToken);
            await input.FlushAsync(cancellationToken);
            var completed = await ReadResultAsync(process.StandardOutput.BaseStream, cancellationToken);
            input.Close(); // end of input: the worker exits
            await process.WaitForExitAsync(cancellationToken);
            var elapsed = MonotonicClock.Since(started).TotalMilliseconds;
            var output = completed.Output is { } bytes ? Squares.DecodeOutput(bytes).ToString() : null;
            if (completed.Status != TaskRunStatus.Succeeded || output != expected)
            {
                throw new ExperimentFailedException(
                    "resultMismatch", $"Worker process {process.Id} answered {completed.Status}: {output ?? completed.Error}; expected {expected}.");
            }

            return elapsed;
        }
        catch
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            throw;
        }
    }

    private static async Task<TaskCompletedMessage> ReadResultAsync(Stream output, CancellationToken cancellationToken)
    {
        while (await Frames.ReadAsync(output, cancellationToken) is { } frame)
        {
            if (frame.Type == FrameType.TaskCompleted)
            {
                return frame.Read<TaskCompletedMessage>();
            }
        }

        throw new ExperimentFailedException("workerStartFailed", "A worker process exited before it answered its task.");
    }

    private static StartCostView View(StartCostPlan plan, IReadOnlyList<double> threads, IReadOnlyList<double>? processes, string python)
    {
        var thread = Summarise(threads);
        var process = processes is null ? null : Summarise(processes);
        return new StartCostView(
            plan.Starts, plan.Iterations, thread, process, process is null ? null : Math.Round(process.MeanMs / thread.MeanMs, 1), python);
    }

    private static StartCost Summarise(IReadOnlyList<double> times) => new(
        times.Count,
        Math.Round(times.Average(), 3),
        Math.Round(Results.ScalingMath.Median(times), 3),
        Math.Round(times.Min(), 3),
        Math.Round(times.Max(), 3));
}
