namespace ConcurrencyService.Experiments.Results;

/// <summary>What a cell's <c>flags</c> may say; each flag comes with a sentence in the experiment's notes.</summary>
public static class CellFlags
{
    /// <summary>The speedup is above the ideal (the workers, capped at the cores for CPU-bound work).</summary>
    public const string AboveIdeal = "aboveIdeal";

    /// <summary>The workers were occupied under half the run: the speedup measures what fed them, not them.</summary>
    public const string WorkersIdle = "workersIdle";
}
