namespace ConcurrencyService.Experiments;

/// <summary>
/// Tutorial 1: <see cref="Starts"/> threads, then as many worker processes, each started and joined one at a time,
/// each running <c>cpu.squares</c> for <see cref="Iterations"/> iterations.
/// </summary>
public sealed record StartCostPlan(string Title, int Starts, long Iterations) : ExperimentPlan(ExperimentKind.StartCost, Title)
{
    public override int RunsTotal => 2 * Starts;
}
