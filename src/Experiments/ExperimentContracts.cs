using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConcurrencyService.Experiments.Results;
using ConcurrencyService.Core.Executors.Processes;
using ConcurrencyService.Core.Jobs;
using ConcurrencyService.Experiments.Advice;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Experiments;

/// <summary>A scaling experiment: a workload on each executor at each worker count, repeated.</summary>
public sealed record SubmitExperimentRequest(
    [property: Description("Catalog name, e.g. cpu.primes (see GET /api/workloads). Fault workloads are not run in experiments.")] string Workload,
    [property: Description("Any of: sequential, threads, threads+gil, processes, processes-spawn. The sequential baseline runs whether listed or not.")] IReadOnlyList<string> Executors,
    [property: Description("Worker counts to try, each from 1 to 64.")] IReadOnlyList<int> Workers,
    [property: Description("The workload's parameters; omitted ones take their defaults.")] JsonObject? Parameters = null,
    [property: Description("Runs per cell, 1 to 20 (default 3); cells report the median and the spread.")] int? Repetitions = null,
    [property: Description("strong (default): the job split N ways on N workers; weak: N tasks each doing the whole job, speedup measured as throughput.")] string? Scaling = null,
    [property: Description("Strong scaling only: split the job into this many tasks whatever the worker count (e.g. 10 sleeps on 1, 2, 5 workers).")] int? Tasks = null);

public sealed record ExperimentAccepted(Guid Id, ExperimentStatus Status, DateTimeOffset SubmittedAt, ExperimentLinks Links);

public sealed record ExperimentLinks(
    [property: Description("GET: the experiment; add ?waitMs= to long-poll until it finishes.")] string Self,
    [property: Description("GET: speedup against worker count as SVG (scaling experiments).")] string? Chart,
    [property: Description("DELETE: cancel the experiment.")] string Cancel)
{
    public static ExperimentLinks For(Guid id, ExperimentKind kind) => new(
        $"/api/experiments/{id}",
        kind == ExperimentKind.Scaling ? $"/api/experiments/{id}/chart.svg" : null,
        $"/api/experiments/{id}");
}

/// <summary>
/// An experiment: what it runs, how far it is, and what it measured. A scaling experiment has <c>cells</c>; a start-cost
/// experiment <c>startCost</c>; a crash experiment <c>crash</c>;
/// an advice run <c>advice</c>.
/// </summary>
public sealed record ExperimentView(
    Guid Id,
    ExperimentKind Kind,
    string? Preset,
    string Title,
    ExperimentStatus Status,
    ExperimentProgress Progress,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    JobError? Error,
    ScalingSetup? Setup,
    [property: Description("Per executor and worker count: medians over the repetitions, speedup over sequential, parallel efficiency, spread.")] IReadOnlyList<CellView> Cells,
    [property: Description("The job's result (the same from every run, or the experiment fails).")] JsonElement? Result,
    StartCostView? StartCost,
    CrashView? Crash,
    [property: Description("An advice run: what it was asked and, once finished, the advice (also at /api/advice/{id}).")] Advice.AdviceRun? Advice,
    MachineInfo Machine,
    [property: Description("The most regular jobs seen running at the start of a run: they share the machine's cores, so more than 0 means the timings may be disturbed.")] int JobsRunningMax,
    [property: Description("Linux: runnable threads of other programs just before each run (0 is a quiet machine); more means they competed for the cores.")] MachineLoad? MachineLoad,
    [property: Description("Plain sentences about what may make these numbers wrong or noisy: a busy machine, a starved baseline, cells too short to time, a Debug build, a speedup above the ideal, idle workers. Empty when none applies.")] IReadOnlyList<string> Notes,
    ExperimentLinks Links);

public sealed record ExperimentProgress(int RunsDone, int RunsTotal);

/// <summary>What a scaling experiment runs.</summary>
public sealed record ScalingSetup(
    string Workload,
    JsonElement Parameters,
    IReadOnlyList<string> Executors,
    IReadOnlyList<int> Workers,
    int Repetitions,
    ScalingMode Scaling,
    int? Tasks,
    string SpeedupDefinition);

/// <summary>One executor at one worker count, over its repetitions. Times in milliseconds.</summary>
/// <param name="Tasks">Tasks per run.</param>
/// <param name="WallMs">Median wall time of a run: first task handed over to last result back.</param>
/// <param name="CpuMs">Median CPU time of a run, summed over its tasks, from the OS.</param>
/// <param name="CpuRatio">
/// CPU time for the cell's work over the sequential baseline's for the same work: 1 when running side by side cost
/// nothing extra; above 1 when cores slowed each other down (cores sharing a physical core, a busy host, memory) or the
/// executor added work (GIL switching).
/// </param>
/// <param name="GilWaitMs">threads+gil: median time a run's tasks spent waiting for the GIL, summed.</param>
/// <param name="Speedup">Over the sequential baseline (see <c>setup.speedupDefinition</c>).</param>
/// <param name="Efficiency">Speedup ÷ workers: 1 is perfect use of every worker.</param>
/// <param name="RunsWallMs">Every run's wall time, in order.</param>
/// <param name="SpeedupInterval">The speedup's 95% confidence interval over the repetitions, or why there is none (n too small).</param>
/// <param name="Ideal">The most this cell's workers can reach: the workers, capped at the cores for CPU-bound work.</param>
/// <param name="TaskRunMs">Median over the runs of the tasks' run times summed: how long the workers were occupied.</param>
/// <param name="Occupancy">TaskRunMs ÷ (workers busy at once × wall): under 0.5 the workers were not the bottleneck.</param>
/// <param name="DispatchOverheadMs">Median per-task hand-over cost beyond the task's run (worker processes only).</param>
/// <param name="Flags">aboveIdeal, workersIdle: each explained in the experiment's notes.</param>
public sealed record CellView(
    string Executor,
    int Workers,
    int Tasks,
    int Runs,
    double WallMs,
    double? CpuMs,
    double? CpuRatio,
    double? GilWaitMs,
    double? Speedup,
    double? Efficiency,
    Spread Spread,
    IReadOnlyList<double> RunsWallMs,
    SpeedupInterval? SpeedupInterval,
    int Ideal,
    double? TaskRunMs,
    double? Occupancy,
    double? DispatchOverheadMs,
    IReadOnlyList<string> Flags);

/// <summary>Tutorial 1: starting and joining a thread against a process, each running the same small loop.</summary>
/// <param name="Ratio">Process ÷ thread, by mean time per start + join.</param>
public sealed record StartCostView(int Starts, long Iterations, StartCost? Thread, StartCost? Process, double? Ratio, string Python);

/// <summary>Milliseconds per start + join.</summary>
public sealed record StartCost(int Count, double MeanMs, double MedianMs, double MinMs, double MaxMs);

/// <summary>Tutorial 5: a crash in one worker process among many.</summary>
/// <param name="CrashError">What the crashed task's record says (pid, exit code or signal).</param>
/// <param name="ResultIntact">The other tasks' combined result equals the job's result computed without a crash.</param>
/// <param name="PoolRefilled">Every worker slot had a live process again after the crash.</param>
/// <param name="FollowUpSucceeded">The same job, run again on the refilled pool, succeeded with the same result.</param>
/// <param name="ThreadsVariant">Why the threads variant is not run.</param>
public sealed record CrashView(
    int Workers,
    int Tasks,
    int CrashedTask,
    string? CrashError,
    int OtherTasks,
    int OtherTasksSucceeded,
    bool ResultIntact,
    JsonElement? Result,
    long WorkersCrashed,
    bool PoolRefilled,
    IReadOnlyList<int> PidsBefore,
    IReadOnlyList<int> PidsAfter,
    bool FollowUpSucceeded,
    string ThreadsVariant);

/// <summary>The machine the numbers come from, and the build that measured them.</summary>
/// <param name="Build">How the service was compiled: a Debug build's timings say little about a Release one.</param>
/// <param name="Worker">
/// The worker process the processes executors start: <c>lean</c> (self-contained, trimmed, ReadyToRun; a Release build
/// without plugins) or <c>frameworkDependent</c> (plugin-capable; with plugins configured, or where no lean worker was
/// built, as in Debug); null where no worker was found.
/// </param>
public sealed record MachineInfo(int LogicalCores, string Cpu, string Os, string Runtime, BuildConfiguration Build = BuildConfiguration.Release, WorkerFlavour? Worker = null)
{
    /// <summary>This machine and build; <see cref="Worker"/> unknown (see <see cref="With(WorkerFlavour?)"/>).</summary>
    public static MachineInfo Current { get; } = new(
        Environment.ProcessorCount,
        CpuName(),
        System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        $".NET {Environment.Version}",
        BuildOf(typeof(MachineInfo).Assembly));

    /// <summary>This machine with the worker flavour its processes executors start.</summary>
    public MachineInfo With(WorkerFlavour? worker) => this with { Worker = worker };

    /// <summary>Debug where the assembly was compiled without optimisation.</summary>
    public static BuildConfiguration BuildOf(System.Reflection.Assembly assembly) =>
        System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Diagnostics.DebuggableAttribute>(assembly ?? throw new ArgumentNullException(nameof(assembly)))
            is { IsJITOptimizerDisabled: true } ? BuildConfiguration.Debug : BuildConfiguration.Release;

    private static string CpuName()
    {
        try
        {
            return MachineStat.CpuModel() ?? System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
