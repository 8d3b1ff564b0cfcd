using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConcurrencyService.Core.Jobs;
using ConcurrencyService.Workloads;

namespace ConcurrencyService.Experiments.Advice;

/// <summary>Threads or processes for this workload? Measured on this machine within a time budget.</summary>
public sealed record SubmitAdviceRequest(
    [property: Description("Catalog name, e.g. cpu.primes or io.sleep (see GET /api/workloads). Fault workloads are refused.")] string Workload,
    [property: Description("The workload's parameters; omitted ones take their defaults.")] JsonObject? Parameters = null,
    [property: Description("Seconds the calibration may take, 5 to 300 (default 30). More gives narrower intervals.")] int? BudgetSeconds = null);

public sealed record AdviceAccepted(Guid Id, ExperimentStatus Status, DateTimeOffset SubmittedAt, AdviceLinks Links);

public sealed record AdviceLinks(
    [property: Description("GET: the advice; add ?waitMs= to long-poll until it is ready.")] string Self,
    [property: Description("GET: the advice as a Markdown report.")] string Report,
    [property: Description("DELETE: cancel the calibration (it runs on the experiments' queue).")] string Cancel)
{
    public static AdviceLinks For(Guid id) => new($"/api/advice/{id}", $"/api/advice/{id}/report.md", $"/api/experiments/{id}");
}

/// <summary>What an advice run was asked, how it measured, and its answer once it has one: stored with the experiment.</summary>
/// <param name="Answer">Null until the calibration has finished.</param>
public sealed record AdviceRun(string Workload, JsonElement Parameters, int BudgetSeconds, CalibrationSetup? Setup, MeasuringConditions? Conditions, Advice? Answer)
{
    public static AdviceRun Asked(AdvicePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new(plan.Workload.Name, JsonSerializer.SerializeToElement(plan.Values.ToJson(), WorkloadJson.Options), plan.BudgetSeconds, null, null, null);
    }
}

/// <summary>How the calibration measured: the batch every run times, and how long it took.</summary>
/// <param name="TasksPerJob">The job split into this many tasks (the largest worker count).</param>
/// <param name="Rounds">Copies of the job per timed run, chosen from the probe so no cell is too short to time.</param>
/// <param name="Workers">The worker counts measured on each executor.</param>
/// <param name="Repetitions">Timed runs of each cell, the sequential baseline's included.</param>
/// <param name="MeasuredSeconds">The calibration's wall time, probe and warm-up included.</param>
public sealed record CalibrationSetup(int TasksPerJob, int Rounds, IReadOnlyList<int> Workers, int Repetitions, double MeasuredSeconds);

/// <summary>An advice run: its status and, when it has succeeded, the advice with its evidence.</summary>
/// <param name="Advice">Null until the run has succeeded.</param>
public sealed record AdviceView(
    Guid Id,
    ExperimentStatus Status,
    string Workload,
    JsonElement Parameters,
    int BudgetSeconds,
    ExperimentProgress Progress,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    JobError? Error,
    Advice? Advice,
    CalibrationSetup? Setup,
    MeasuringConditions? Conditions,
    MachineInfo Machine,
    AdviceLinks Links)
{
    /// <summary>The advice view of an experiment, or null when it is not an advice run.</summary>
    public static AdviceView? From(ExperimentView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view is { Kind: ExperimentKind.Advice, Advice: { } run }
            ? new(view.Id, view.Status, run.Workload, run.Parameters, run.BudgetSeconds, view.Progress, view.SubmittedAt, view.StartedAt, view.FinishedAt,
                view.Error, run.Answer, run.Setup, run.Conditions, view.Machine, AdviceLinks.For(view.Id))
            : null;
    }
}
