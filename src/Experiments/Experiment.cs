using System.Text.Json;
using ConcurrencyService.Experiments.Results;
using ConcurrencyService.Core.Jobs;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Experiments;

/// <summary>
/// One experiment and everything it has measured so far. The runner is its only writer; readers take a view. Status
/// changes are guarded (a cancel and a start that race resolve to one winner) and a finished experiment never changes.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "_cancel has no timer and no linked parent: an undisposed one holds nothing but memory, freed when retention drops the experiment.")]
/// <param name="machine">The machine and build it runs on (<see cref="MachineInfo.Current"/> when not given).</param>
public sealed class Experiment(Guid id, ExperimentPlan plan, DateTimeOffset submittedAt, MachineInfo? machine = null) : IRetained
{
    private readonly Lock _lock = new();
    private readonly List<RunMeasurement> _runs = [];
    // Never disposed: it has no timer, and a claims run may still hold the experiment after the store has let it go.
    private readonly CancellationTokenSource _cancel = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ExperimentStatus _status = ExperimentStatus.Queued;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _finishedAt;
    private JobError? _error;
    private JsonElement? _result;
    private StartCostView? _startCost;
    private CrashView? _crash;
    private Advice.AdviceRun? _advice;
    private int? _runsPlanned;
    private int _runsDone;
    private int _jobsRunningMax;
    private readonly List<int> _runnable = [];

    public Guid Id { get; } = id;

    public ExperimentPlan Plan { get; } = plan;

    public DateTimeOffset SubmittedAt { get; } = submittedAt;

    public MachineInfo Machine { get; } = machine ?? MachineInfo.Current;

    public ExperimentStatus Status
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    public DateTimeOffset? FinishedAt
    {
        get
        {
            lock (_lock)
            {
                return _finishedAt;
            }
        }
    }

    /// <summary>The queue's own id for the experiment (Hangfire's job id), once it is queued.</summary>
    public string? QueueJobId { get; set; }

    /// <summary>Cancelled when a user cancels the experiment.</summary>
    public CancellationToken Cancellation => _cancel.Token;

    /// <summary>Completes when the experiment reaches a final status.</summary>
    public Task Finished => _finished.Task;

    /// <summary>Raised after every change (status, a measured run), outside the experiment's lock.</summary>
    public event Action<Experiment>? Changed;

    /// <summary>Queued → running. False if it is no longer queued (cancelled while waiting).</summary>
    public bool TryStart() => Change(ExperimentStatus.Queued, () =>
    {
        _status = ExperimentStatus.Running;
        _startedAt = MonotonicClock.UtcNow;
    });

    /// <summary>Queued or running → final. False if it had already finished.</summary>
    public bool TryFinish(ExperimentStatus status, JobError? error = null)
    {
        if (!status.IsFinal())
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Not a final status.");
        }

        var finished = false;
        lock (_lock)
        {
            if (!_status.IsFinal())
            {
                _status = status;
                _error = error;
                _finishedAt = MonotonicClock.UtcNow;
                finished = true;
            }
        }

        if (finished)
        {
            _finished.TrySetResult();
            Changed?.Invoke(this);
        }

        return finished;
    }

    /// <summary>Cancels a queued experiment at once (true), or asks a running one to stop (false; it finishes when it has).</summary>
    public bool Cancel()
    {
        if (Change(ExperimentStatus.Queued, () => { }))
        {
            return TryFinish(ExperimentStatus.Cancelled, new JobError("cancelled", "Cancelled before it started."));
        }

        _cancel.Cancel();
        return false;
    }

    public void Record(RunMeasurement run) => Update(() =>
    {
        _runs.Add(run);
        _runsDone++;
    });

    /// <summary>Counts a measured run that has no cell (start-cost and crash runs).</summary>
    public void CountRun() => Update(() => _runsDone++);

    public void SetResult(JsonElement result) => Update(() => _result = result);

    public void SetStartCost(StartCostView startCost) => Update(() => _startCost = startCost);

    public void SetCrash(CrashView crash) => Update(() => _crash = crash);

    public void SetAdvice(Advice.AdviceRun advice) => Update(() => _advice = advice);

    /// <summary>The measured runs it will make, where only the run itself can tell (an advice run plans after its probe).</summary>
    public void PlanRuns(int total) => Update(() => _runsPlanned = total);

    /// <summary>Notes, just before a run, how many regular jobs are running and how many threads the machine has runnable.</summary>
    public void ObserveBeforeRun(int jobsRunning, int? runnable) => Update(() =>
    {
        _jobsRunningMax = Math.Max(_jobsRunningMax, jobsRunning);
        if (runnable is { } r)
        {
            _runnable.Add(r);
        }
    });

    public ExperimentView ToView()
    {
        lock (_lock)
        {
            var scaling = Plan as ScalingPlan;
            var cpuBound = scaling?.Workload.Kind == WorkloadKind.Cpu;
            var cells = scaling is null ? [] : CellSummaries.From(_runs, scaling.Scaling, Machine.LogicalCores, cpuBound);
            var load = MachineLoad.From(_runnable);
            return new ExperimentView(
                Id,
                Plan.Kind,
                Plan.Preset,
                Plan.Title,
                _status,
                new ExperimentProgress(_runsDone, _runsPlanned ?? Plan.RunsTotal),
                SubmittedAt,
                _startedAt,
                _finishedAt,
                _error,
                scaling is null ? null : Setup(scaling),
                cells,
                _result,
                _startCost,
                _crash,
                _advice ?? (Plan is AdvicePlan advice ? Advice.AdviceRun.Asked(advice) : null),
                Machine,
                _jobsRunningMax,
                load,
                ExperimentNotes.For(new(Plan.Kind, cpuBound, _runs, cells, load, _jobsRunningMax, Machine)),
                ExperimentLinks.For(Id, Plan.Kind));
        }
    }

    private static ScalingSetup Setup(ScalingPlan plan) => new(
        plan.Workload.Name,
        JsonSerializer.SerializeToElement(plan.Values.ToJson(), WorkloadJson.Options),
        [.. plan.Executors.Select(e => e.Name())],
        plan.Workers,
        plan.Repetitions,
        plan.Scaling,
        plan.Tasks,
        plan.SpeedupDefinition);

    private bool Change(ExperimentStatus from, Action change)
    {
        lock (_lock)
        {
            if (_status != from)
            {
                return false;
            }

            change();
        }

        Changed?.Invoke(this);
        return true;
    }

    private void Update(Action change)
    {
        lock (_lock)
        {
            change();
        }

        Changed?.Invoke(this);
    }
}
