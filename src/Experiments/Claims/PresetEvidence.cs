namespace ConcurrencyService.Experiments.Claims;

/// <summary>What one preset's experiment contributes to the claims: its status, and its cells, start costs or crash.</summary>
public sealed record PresetEvidence(ExperimentStatus Status, string? Error, IReadOnlyList<CellView> Cells, StartCostView? StartCost, CrashView? Crash)
{
    /// <summary>How busy other programs kept the machine during the preset's runs.</summary>
    public Results.MachineLoad? Load { get; init; }

    public static PresetEvidence From(ExperimentView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Status, view.Error?.Message, view.Cells, view.StartCost, view.Crash) { Load = view.MachineLoad };
    }

    /// <summary>Why this preset cannot decide a claim yet (or ever), or null when it finished.</summary>
    public string? Missing(string preset) => Status switch
    {
        ExperimentStatus.Succeeded => null,
        ExperimentStatus.Queued or ExperimentStatus.Running => $"waiting for the {preset} preset",
        ExperimentStatus.Cancelled => $"the {preset} preset was cancelled",
        _ => $"the {preset} preset failed: {Error}",
    };

    public CellView? Cell(ExperimentExecutor executor, int workers) =>
        Cells.FirstOrDefault(c => c.Executor == executor.Name() && c.Workers == workers);

    /// <summary>The cell of <paramref name="executor"/> at the largest worker count from 2 up to the core count.</summary>
    public CellView? NearCores(ExperimentExecutor executor, int cores) =>
        Cells.Where(c => c.Executor == executor.Name() && c.Workers >= 2 && c.Workers <= cores).MaxBy(c => c.Workers);
}
