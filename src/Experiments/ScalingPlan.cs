using System.Text.Json.Nodes;
using ConcurrencyService.Experiments.Results;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.Experiments;

/// <summary>
/// A workload run on each executor at each worker count, <see cref="Repetitions"/> times, against the sequential
/// baseline. Strong scaling splits the job into N pieces for N workers (or into <see cref="Tasks"/> pieces whatever
/// N); weak scaling gives each of the N tasks the whole job.
/// </summary>
public sealed record ScalingPlan(
    string Title,
    IWorkload Workload,
    ParameterValues Values,
    IReadOnlyList<ExperimentExecutor> Executors,
    IReadOnlyList<int> Workers,
    int Repetitions,
    ScalingMode Scaling,
    int? Tasks) : ExperimentPlan(ExperimentKind.Scaling, Title)
{
    /// <summary>The baseline first (it always runs, listed or not), then each executor at each worker count.</summary>
    public IReadOnlyList<(ExperimentExecutor Executor, int Workers)> Cells { get; } =
    [
        (ExperimentExecutor.Sequential, 1),
        .. Executors.Where(e => e != ExperimentExecutor.Sequential).SelectMany(e => Workers.Select(n => (e, n))),
    ];

    public override int RunsTotal => Repetitions * Cells.Count;

    public string SpeedupDefinition => Scaling == ScalingMode.Weak
        ? "weak scaling: each of a cell's N tasks is the whole job; speedup = N × median sequential wall ÷ median cell wall (throughput gained)"
        : Tasks is { } tasks
            ? $"strong scaling: the job as {tasks} tasks on every executor, run one after another for the sequential baseline; speedup = median sequential wall ÷ median cell wall"
            : "strong scaling: the job split into N tasks on N workers, unsplit for the sequential baseline; speedup = median sequential wall ÷ median cell wall";

    public string SpeedupAxis => Scaling == ScalingMode.Weak ? "throughput speedup over sequential" : "speedup over sequential";

    /// <summary>The pieces a run of <paramref name="executor"/> on <paramref name="workers"/> workers gets; the baseline's are those for one worker.</summary>
    public IReadOnlyList<object> PiecesFor(ExperimentExecutor executor, int workers)
    {
        var n = executor == ExperimentExecutor.Sequential ? 1 : workers;
        if (Scaling == ScalingMode.Weak)
        {
            // Pieces are immutable values: one whole piece serves every worker.
            var whole = Workload.Split(Values, 1)[0];
            return [.. Enumerable.Repeat(whole, n)];
        }

        return Workload.Split(Values, Tasks ?? n);
    }
}
