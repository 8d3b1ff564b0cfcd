namespace ConcurrencyService.Experiments.Results;

/// <summary>How a cell with N workers shares out the work, and so how its speedup is defined.</summary>
public enum ScalingMode
{
    /// <summary>The same job split into pieces (like <c>Pool.map</c>); speedup = sequential ÷ cell.</summary>
    Strong,

    /// <summary>N tasks, each the whole job (tutorial 2: sqrt of 4,000,000 per core); speedup = N × sequential ÷ cell, the throughput gained.</summary>
    Weak,
}
