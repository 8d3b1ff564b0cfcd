using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.Experiments;

/// <summary>
/// The advisor's calibration of one workload on this machine within <see cref="BudgetSeconds"/>: how many runs it makes is
/// decided by a probe when it starts (<see cref="Experiment.PlanRuns"/>).
/// </summary>
public sealed record AdvicePlan(string Title, IWorkload Workload, ParameterValues Values, int BudgetSeconds) : ExperimentPlan(ExperimentKind.Advice, Title)
{
    public override int RunsTotal => 0;
}
