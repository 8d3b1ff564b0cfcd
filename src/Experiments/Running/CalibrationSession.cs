using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using ConcurrencyService.Core.Executors;
using ConcurrencyService.Experiments.Advice;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Parameters;
using ConcurrencyService.Workloads.Timing;
using CatalogKind = ConcurrencyService.Workloads.WorkloadKind;

namespace ConcurrencyService.Experiments.Running;

/// <summary>
/// One advice run's calibration: a probe sizes the batch (<see cref="CalibrationBudget"/>), warm-up as the scaling
/// experiments do it, then repetitions of the sequential baseline and every cell in the same order, a worker process's
/// start and memory, and more repetitions while the advice doubts its intervals and the budget allows. Every timed run's
/// result must equal the first sequential run's.
/// </summary>
internal sealed class CalibrationSession(Experiment experiment, AdvicePlan plan, CellExecutorsFactory factory, RunConditions conditions)
{
    /// <summary>Samples kept per list: enough for a median's interval, few enough to compute it at once.</summary>
    private const int KeptSamples = 400;

    /// <summary>A repetition-count ceiling for the extra runs: beyond it, more of the same will not settle a wide interval.</summary>
    private const int MostRepetitions = 20;

    private static readonly IWorkload Sleep = new SleepWorkload();
    private static readonly BuildConfiguration Build =
        typeof(CalibrationSession).Assembly.GetCustomAttribute<DebuggableAttribute>() is { IsJITOptimizerDisabled: true } ? BuildConfiguration.Debug : BuildConfiguration.Release;

    private readonly long _started = MonotonicClock.Timestamp;
    private readonly int _cores = Environment.ProcessorCount;
    private readonly List<BatchRun> _sequential = [];
    private readonly Dictionary<(ExperimentExecutor, int), List<double>> _walls = [];
    private readonly Dictionary<(ExperimentExecutor, int), List<double>> _busy = [];
    private readonly List<TaskTiming> _tasks = [];
    private readonly Dictionary<ExperimentExecutor, List<double>> _dispatch = [];
    private readonly List<double> _workerStartMs = [];
    private readonly List<double> _residentMb = [];
    private readonly List<string> _did = [];
    private string? _expected;

    /// <summary>What a spawned worker's start is given of the budget: a spawn-mode host's start and three empty tasks.</summary>
    private const double WorkerStartMs = 1_000;

    private double BudgetMs => plan.BudgetSeconds * 1000.0;

    private double ElapsedMs => MonotonicClock.Since(_started).TotalMilliseconds;

    /// <summary>Held back from extra runs: the answer must be ready by the budget on a machine slower than its probe said.</summary>
    private double SafetyMs => 0.1 * BudgetMs;

    public async Task<AdviceRun> RunAsync(CancellationToken cancellationToken)
    {
        var probe = await ProbeAsync(cancellationToken);
        var waits = probe.Kind != Advice.WorkloadKind.CpuBound;
        // The JIT's background recompiles matter to code that computes; work that waits gets one warm-up run.
        var hostWarmUp = plan.Workload.Kind == CatalogKind.Cpu
            ? TimeSpan.FromMilliseconds(Math.Min(WarmUp.Host.TotalMilliseconds, 0.1 * BudgetMs))
            : TimeSpan.Zero;
        // Out of the same budget: the warm-up (a run at the largest worker count, about two tasks long at least), a spawned
        // worker's start, and a little for the hand-overs between runs. The safety margin is for the extra runs only.
        var available = BudgetMs - ElapsedMs - hostWarmUp.TotalMilliseconds - (2 * probe.TaskMs.Value) - WorkerStartMs - (0.03 * BudgetMs);
        var batch = CalibrationBudget.Plan(available, _cores, waits, probe.TaskMs.Value, probe.CpuShare.Value)
            ?? throw new ExperimentFailedException(
                "budgetTooSmall",
                $"A task of {plan.Workload.Name} runs about {Words.Ms(probe.TaskMs.Value)} ms; {CalibrationBudget.MinRepetitions} runs of the sequential baseline and of every " +
                $"executor on {string.Join(", ", CalibrationBudget.WorkerCounts(_cores, waits))} workers do not fit in the {plan.BudgetSeconds} s budget. " +
                $"Raise budgetSeconds (up to {AdviceRequestValidator.MaxBudgetSeconds}) or ask for a smaller job.");
        experiment.PlanRuns(batch.Repetitions * batch.Cells.Count);

        var pieces = plan.Workload.Split(plan.Values, batch.Tasks);
        await using var cells = factory.Create(batch.Workers.Max());
        await WarmUp.HostAsync(
            () => RunOnceAsync(cells, ExperimentExecutor.Processes, batch.Workers.Max(), pieces, 1, cancellationToken), hostWarmUp, cancellationToken);
        await MeasureMemoryAsync(cells, cancellationToken);

        var timed = MonotonicClock.Timestamp;
        for (var repetition = 0; repetition < batch.Repetitions; repetition++)
        {
            await RepetitionAsync(cells, batch, pieces, cancellationToken);
        }

        var repetitionMs = MonotonicClock.Since(timed).TotalMilliseconds / batch.Repetitions;
        await MeasureWorkerStartAsync(cells, cancellationToken);

        var advice = Advisor.Advise(Calibration());
        var extra = 0;
        while ((advice.Doubts & (Doubts.WideIntervals | Doubts.TooFewRuns)) != 0
            && batch.Repetitions + extra < MostRepetitions
            && BudgetMs - ElapsedMs - SafetyMs > repetitionMs)
        {
            experiment.PlanRuns((batch.Repetitions + extra + 1) * batch.Cells.Count);
            await RepetitionAsync(cells, batch, pieces, cancellationToken);
            extra++;
            advice = Advisor.Advise(Calibration());
        }

        Describe(batch, extra, advice.Doubts);
        var setup = new CalibrationSetup(batch.Tasks, batch.Rounds, batch.Workers, batch.Repetitions + extra, Math.Round(ElapsedMs / 1000, 1));
        var conditionsNow = Calibration().Conditions;
        return AdviceRun.Asked(plan) with
        {
            Setup = setup,
            Conditions = conditionsNow,
            Answer = advice with { Notes = [.. _did, .. advice.Notes] },
        };
    }

    /// <summary>
    /// After the in-process warm-up, the job as one task per core, one after another: a first look at its tasks. Only the
    /// first task of work that waits: its tasks are as long as the job's (a sleep), and the budget is better spent on runs.
    /// </summary>
    private async Task<Profile> ProbeAsync(CancellationToken cancellationToken)
    {
        await using var cells = factory.Create(1);
        await WarmUp.InProcessAsync(experiment.Id, cells, plan.Workload, plan.Values, cancellationToken);
        var pieces = plan.Workload.Split(plan.Values, _cores);
        IReadOnlyList<object> probed = plan.Workload.Kind == CatalogKind.Cpu ? pieces : [pieces[0]];
        var run = await RunOnceAsync(cells, ExperimentExecutor.Sequential, 1, probed, 1, cancellationToken);
        List<TaskTiming> tasks = [.. Timings(run.Records)];
        return tasks.Count > 0
            ? ProfileRules.From(tasks)
            : throw new ExperimentFailedException("noTaskTimes", "The probe's tasks reported no run time and CPU time: nothing to profile the workload by.");
    }

    private async Task RepetitionAsync(CellExecutors cells, CalibrationBatch batch, IReadOnlyList<object> pieces, CancellationToken cancellationToken)
    {
        foreach (var (executor, workers) in batch.Cells)
        {
            conditions.Observe(experiment);
            var run = await RunOnceAsync(cells, executor, workers, pieces, batch.Rounds, cancellationToken);
            Record(executor, workers, batch.Tasks, run);
            experiment.CountRun();
        }
    }

    private async Task<CellRun> RunOnceAsync(
        CellExecutors cells, ExperimentExecutor executor, int workers, IReadOnlyList<object> pieces, int rounds, CancellationToken cancellationToken)
    {
        using var cell = await cells.OpenAsync(executor, workers, cancellationToken);
        var tasks = Enumerable.Range(0, rounds)
            .SelectMany(round => pieces.Select((piece, i) => new TaskPiece(experiment.Id, (round * pieces.Count) + i, plan.Workload, piece, cell.Gil)))
            .ToList();
        var trips = new double[tasks.Count];
        var start = MonotonicClock.Timestamp;
        var outcomes = await PieceDispatch.RunAllAsync(cell.Executor, tasks, cell.Concurrency, trips, cancellationToken);
        var wall = MonotonicClock.Since(start).TotalMilliseconds;
        cancellationToken.ThrowIfCancellationRequested();
        PieceDispatch.ThrowIfAnyFailed(outcomes, executor, workers);

        return new CellRun(wall, [.. outcomes.Select(o => o.Record)], trips, [.. outcomes.Select(o => o.Output!)]);
    }

    private void Record(ExperimentExecutor executor, int workers, int tasksPerJob, CellRun run)
    {
        CheckResult(executor, workers, tasksPerJob, run);
        var records = run.Records;
        if (executor == ExperimentExecutor.Sequential)
        {
            double? cpu = records.All(r => r.CpuTime is not null) ? records.Sum(r => r.CpuTime!.Value.TotalMilliseconds) : null;
            _sequential.Add(new BatchRun(run.WallMs, cpu));
            Keep(_tasks, Timings(records));
            // One task in flight on one thread: the round trip holds no queue, only the hand-over and the task.
            Keep(Samples(ExperimentExecutor.Threads), records.Select((r, i) => run.RoundTripMs[i] - (r.Duration?.TotalMilliseconds ?? 0)));
            return;
        }

        Add(_walls, (executor, workers), run.WallMs);
        Add(_busy, (executor, workers), records.Sum(r => r.Duration?.TotalMilliseconds ?? 0));
        if (executor == ExperimentExecutor.Processes)
        {
            Keep(Samples(executor), records.Where(r => r.DispatchOverhead is not null).Select(r => r.DispatchOverhead!.Value.TotalMilliseconds));
        }
    }

    /// <summary>Each copy of the job in a run must combine to the result the first sequential run gave.</summary>
    private void CheckResult(ExperimentExecutor executor, int workers, int tasksPerJob, CellRun run)
    {
        for (var round = 0; round * tasksPerJob < run.Outputs.Count; round++)
        {
            var result = plan.Workload.Combine(plan.Values, [.. run.Outputs.Skip(round * tasksPerJob).Take(tasksPerJob)]).ToJsonString();
            if (_expected is null)
            {
                _expected = result;
            }
            else if (result != _expected)
            {
                throw new ExperimentFailedException(
                    "resultMismatch", $"{executor.Name()} on {workers} workers gave {result}; the sequential baseline gave {_expected}.");
            }
        }
    }

    private async Task MeasureMemoryAsync(CellExecutors cells, CancellationToken cancellationToken)
    {
        if (await cells.DescribeWarmPoolAsync(cancellationToken) is { } pool)
        {
            _residentMb.AddRange(pool.Workers.Where(w => w.ResidentMemoryBytes is > 0).Select(w => w.ResidentMemoryBytes!.Value / (1024.0 * 1024.0)));
        }
    }

    /// <summary>
    /// A spawn-mode pool starts a fresh worker process for every task: an empty task's round trip there is a process's start
    /// until its answer. Left out when the budget has no room for it.
    /// </summary>
    private async Task MeasureWorkerStartAsync(CellExecutors cells, CancellationToken cancellationToken)
    {
        if (BudgetMs - ElapsedMs < WorkerStartMs)
        {
            _did.Add("A worker process's start was not measured: the budget had no room left for it.");
            return;
        }

        var values = ParameterBinder.Bind(Sleep, new JsonObject { ["ms"] = 0 }).Values!;
        using var cell = await cells.OpenAsync(ExperimentExecutor.ProcessesSpawn, 1, cancellationToken);
        var tasks = Sleep.Split(values, 3).Select((piece, i) => new TaskPiece(experiment.Id, i, Sleep, piece)).ToList();
        var trips = new double[tasks.Count];
        var outcomes = await PieceDispatch.RunAllAsync(cell.Executor, tasks, 1, trips, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        _workerStartMs.AddRange(outcomes
            .Select((o, i) => (o.Record, Trip: trips[i]))
            .Where(t => t.Record.Status == TaskRunStatus.Succeeded)
            .Select(t => Math.Max(0, t.Trip - (t.Record.Duration?.TotalMilliseconds ?? 0))));
    }

    private Calibration Calibration() => new(
        [.. _sequential],
        [.. _walls.Select(cell => new CellTimings(cell.Key.Item1, cell.Key.Item2, [.. cell.Value], Results.ScalingMath.Median(_busy[cell.Key])))],
        [.. _tasks],
        [.. _dispatch.Select(d => new DispatchSamples(d.Key, [.. d.Value]))],
        _workerStartMs.Count + _residentMb.Count > 0 ? new WorkerProcessCosts([.. _workerStartMs], [.. _residentMb]) : null,
        new MeasuringConditions(_cores, experiment.ToView().MachineLoad, Build, 1000.0 / Stopwatch.Frequency));

    private void Describe(CalibrationBatch batch, int extra, Doubts doubts)
    {
        var copies = batch.Rounds == 1 ? "the job" : $"{batch.Rounds} copies of the job";
        _did.Insert(0,
            $"Measured {copies} as {batch.Tasks * batch.Rounds} tasks per run, {batch.Repetitions + extra} runs of the sequential baseline and of threads, " +
            $"threads+gil and processes on {string.Join(", ", batch.Workers)} workers, in {Words.Number(ElapsedMs / 1000)} s of a {plan.BudgetSeconds} s budget " +
            "(a probe and warm-up runs first, untimed).");
        if (batch.SkippedSingleWorker)
        {
            _did.Add("Left out the 1-worker cells: with them, four runs of every cell would not fit the budget.");
        }

        if (extra > 0)
        {
            _did.Add($"Ran every cell {extra} more time{(extra == 1 ? "" : "s")} because the first {batch.Repetitions} runs left an interval too wide or too few runs to decide.");
        }

        if ((doubts & (Doubts.WideIntervals | Doubts.TooFewRuns)) != 0)
        {
            _did.Add("The budget ran out before the intervals were narrow enough to decide; a larger budgetSeconds would allow more runs.");
        }
    }

    private List<double> Samples(ExperimentExecutor executor) =>
        _dispatch.TryGetValue(executor, out var samples) ? samples : _dispatch[executor] = [];

    private static IEnumerable<TaskTiming> Timings(IEnumerable<TaskRecord> records) => records
        .Where(r => r.Duration is { TotalMilliseconds: > 0 } && r.CpuTime is not null)
        .Select(r => new TaskTiming(r.CpuTime!.Value.TotalMilliseconds, r.Duration!.Value.TotalMilliseconds));

    private static void Keep<T>(List<T> samples, IEnumerable<T> more) => samples.AddRange(more.Take(Math.Max(0, KeptSamples - samples.Count)));

    private static void Add(Dictionary<(ExperimentExecutor, int), List<double>> lists, (ExperimentExecutor, int) key, double value)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = [];
        }

        list.Add(value);
    }

    private sealed record CellRun(double WallMs, IReadOnlyList<TaskRecord> Records, double[] RoundTripMs, IReadOnlyList<object> Outputs);
}
