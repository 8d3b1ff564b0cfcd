using System.Text.Json;
using System.Text.Json.Nodes;
using ConcurrencyService.Core.Executors;
using ConcurrencyService.Experiments.Results;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Experiments.Running;

/// <summary>
/// Runs a scaling experiment: for each repetition, the sequential baseline and then every cell, in the same order, so a
/// slow patch on the machine spreads over all cells instead of landing on one. Untimed warm-up runs come first. Every
/// run's result must equal the baseline's.
/// </summary>
public sealed class ScalingExperimentRunner(CellExecutorsFactory cellExecutors, RunConditions conditions)
{
    public async Task RunAsync(Experiment experiment, ScalingPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(plan);
        await using var cells = cellExecutors.Create(plan.Workers.Max());
        await WarmUpAsync(experiment.Id, cells, plan, cancellationToken);

        string? expected = null;
        for (var repetition = 1; repetition <= plan.Repetitions; repetition++)
        {
            foreach (var (executor, workers) in plan.Cells)
            {
                conditions.Observe(experiment);
                var run = await RunOnceAsync(experiment.Id, cells, plan, executor, workers, cancellationToken);
                var result = run.Result.ToJsonString();
                if (expected is null)
                {
                    expected = result;
                    experiment.SetResult(JsonSerializer.SerializeToElement(run.Result, WorkloadJson.Options));
                }
                else if (result != expected)
                {
                    throw new ExperimentFailedException(
                        "resultMismatch", $"{executor.Name()} on {workers} workers (repetition {repetition}) gave {result}; the sequential baseline gave {expected}.");
                }

                experiment.Record(run.Measurement with { Repetition = repetition });
            }
        }
    }

    /// <summary>
    /// Nothing timed may pay for start-up. In this process, a CPU workload runs as 32 small tasks one after another, so its
    /// code is called often enough to be fully compiled (tier 1) before timing, as in a service that has been running a
    /// while; a warm pool runs the job at its largest worker count, so every worker process has run the workload, and goes
    /// on for <see cref="WarmUp.Host"/> at least: a fresh worker host's tiered JIT recompiles its hot paths in the background
    /// for its first seconds of work (0.3–0.6 s of CPU here), which would otherwise be charged to the timed runs.
    /// </summary>
    private static async Task WarmUpAsync(Guid experimentId, CellExecutors cells, ScalingPlan plan, CancellationToken cancellationToken)
    {
        await WarmUp.InProcessAsync(experimentId, cells, plan.Workload, plan.Values, cancellationToken);
        if (plan.Executors.Contains(ExperimentExecutor.Processes))
        {
            await WarmUp.HostAsync(
                () => RunOnceAsync(experimentId, cells, plan, ExperimentExecutor.Processes, plan.Workers.Max(), cancellationToken), WarmUp.Host, cancellationToken);
        }
    }

    private static async Task<(RunMeasurement Measurement, JsonNode Result)> RunOnceAsync(
        Guid experimentId, CellExecutors cells, ScalingPlan plan, ExperimentExecutor executor, int workers, CancellationToken cancellationToken)
    {
        var pieces = plan.PiecesFor(executor, workers);
        using var cell = await cells.OpenAsync(executor, workers, cancellationToken);
        var tasks = pieces.Select((piece, i) => new TaskPiece(experimentId, i, plan.Workload, piece, cell.Gil)).ToList();

        var start = MonotonicClock.Timestamp;
        var outcomes = await PieceDispatch.RunAllAsync(cell.Executor, tasks, cell.Concurrency, cancellationToken);
        var wall = MonotonicClock.Since(start);

        cancellationToken.ThrowIfCancellationRequested();
        PieceDispatch.ThrowIfAnyFailed(outcomes, executor, workers);

        var records = outcomes.Select(o => o.Record).ToList();
        double? cpu = records.All(r => r.CpuTime is not null) ? records.Sum(r => r.CpuTime!.Value.TotalMilliseconds) : null;
        double? gilWait = cell.Gil ? records.Sum(r => r.GilWait?.TotalMilliseconds ?? 0) : null;
        double? taskRun = records.All(r => r.Duration is not null) ? records.Sum(r => r.Duration!.Value.TotalMilliseconds) : null;
        List<double> overheads = [.. records.Where(r => r.DispatchOverhead is not null).Select(r => r.DispatchOverhead!.Value.TotalMilliseconds)];
        double? overhead = overheads.Count > 0 ? ScalingMath.Median(overheads) : null;
        var measurement = new RunMeasurement(executor, workers, tasks.Count, 0, wall.TotalMilliseconds, cpu, gilWait, taskRun, overhead);
        return (measurement, Combine(plan, outcomes));
    }

    // Strong scaling: the pieces make up the job. Weak: each piece is the whole job, and each must have its result.
    private static JsonNode Combine(ScalingPlan plan, TaskOutcome[] outcomes)
    {
        if (plan.Scaling == ScalingMode.Strong)
        {
            return plan.Workload.Combine(plan.Values, [.. outcomes.Select(o => o.Output!)]);
        }

        // Each output as the result it would be alone: outputs are compared by what a user would see.
        string Alone(TaskOutcome o) => plan.Workload.Combine(plan.Values, [o.Output!]).ToJsonString();
        var first = Alone(outcomes[0]);
        if (outcomes.FirstOrDefault(o => Alone(o) != first) is { } other)
        {
            throw new ExperimentFailedException("resultMismatch", $"Task {other.Record.Index} gave {Alone(other)}; task 0 gave {first}.");
        }

        return plan.Workload.Combine(plan.Values, [outcomes[0].Output!]);
    }
}
