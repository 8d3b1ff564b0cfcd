namespace ConcurrencyService.Experiments.Presets;

/// <summary>One tutorial experiment, runnable by name.</summary>
/// <param name="Tutorial">Which of the source tutorials it reproduces, and what it did there.</param>
/// <param name="Claim">The claim it tests.</param>
/// <param name="Definition">How the work is split and what speedup means here.</param>
public sealed record ExperimentPreset(string Name, string Title, string Tutorial, string Claim, string Definition, Func<PresetSize, ExperimentPlan> Plan)
{
    public ExperimentPlan PlanFor(PresetSize size) => Plan(size) with { Preset = Name };
}
