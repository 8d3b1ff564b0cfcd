using System.ComponentModel;

namespace ConcurrencyService.Experiments.Presets;

/// <summary>A tutorial experiment: what it reproduces, the claim it tests and how, and what it runs at each size.</summary>
public sealed record PresetInfo(
    string Name,
    string Title,
    string Tutorial,
    string Claim,
    ExperimentKind Kind,
    [property: Description("How the work is split and what speedup means for this preset.")] string Definition,
    [property: Description("What size=default runs (the tutorial's size).")] string Default,
    [property: Description("What size=small runs.")] string Small,
    [property: Description("POST here (add ?size=small) to run it.")] string Run)
{
    public static PresetInfo From(ExperimentPreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var run = $"/api/experiments/presets/{preset.Name}";
        return new(preset.Name, preset.Title, preset.Tutorial, preset.Claim, preset.PlanFor(PresetSize.Default).Kind, preset.Definition,
            Describe(preset.PlanFor(PresetSize.Default)), Describe(preset.PlanFor(PresetSize.Small)), run);
    }

    private static string Describe(ExperimentPlan plan) => plan switch
    {
        ScalingPlan s => $"{s.Title}: {s.Workload.Name} {s.Values.ToJson().ToJsonString()}, executors {string.Join(", ", s.Executors.Select(e => e.Name()))}, " +
            $"workers {string.Join(", ", s.Workers)}, {s.Repetitions} repetition{(s.Repetitions == 1 ? string.Empty : "s")} ({s.RunsTotal} runs).",
        _ => $"{plan.Title}.",
    };
}
