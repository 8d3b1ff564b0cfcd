namespace ConcurrencyService.Experiments;

/// <summary>What an experiment runs, fixed when it is accepted. A preset or a validated request makes one.</summary>
public abstract record ExperimentPlan(ExperimentKind Kind, string Title)
{
    /// <summary>The preset it came from, if any.</summary>
    public string? Preset { get; init; }

    /// <summary>The measured runs it will make, for progress.</summary>
    public abstract int RunsTotal { get; }
}

public enum ExperimentKind
{
    /// <summary>A workload across executors and worker counts: speedup, efficiency, spread.</summary>
    Scaling,

    /// <summary>Thread start + join against process start + join, one at a time.</summary>
    StartCost,

    /// <summary>One task of many crashes its worker process.</summary>
    Crash,

    /// <summary>The advisor's calibration: threads or processes for one workload, within a time budget.</summary>
    Advice,
}
