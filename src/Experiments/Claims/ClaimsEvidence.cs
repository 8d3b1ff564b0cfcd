using ConcurrencyService.Experiments.Presets;

namespace ConcurrencyService.Experiments.Claims;

/// <summary>Everything the claims are decided from: the machine's core count and each preset's outcome.</summary>
public sealed record ClaimsEvidence(
    int Cores,
    PresetEvidence PrimesPool,
    PresetEvidence SqrtPerCore,
    PresetEvidence StartCost,
    PresetEvidence Sleeps,
    PresetEvidence Oversubscription,
    PresetEvidence Crash)
{
    /// <summary>The tutorials' own programs, measured live in the same run.</summary>
    public CPythonEvidence Python { get; init; } = CPythonEvidence.NotRun;

    public static ClaimsEvidence From(int cores, IReadOnlyDictionary<string, ExperimentView> presets)
    {
        ArgumentNullException.ThrowIfNull(presets);
        PresetEvidence Of(string name) => PresetEvidence.From(presets[name]);
        return new(
            cores,
            Of(ExperimentPresets.PrimesPool),
            Of(ExperimentPresets.SqrtPerCore),
            Of(ExperimentPresets.StartCost),
            Of(ExperimentPresets.Sleeps),
            Of(ExperimentPresets.Oversubscription),
            Of(ExperimentPresets.Crash));
    }
}
