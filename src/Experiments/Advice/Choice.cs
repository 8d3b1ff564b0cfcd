namespace ConcurrencyService.Experiments.Advice;

/// <summary>What to run a workload on.</summary>
public enum Choice
{
    Threads,
    Processes,

    /// <summary>The measured difference lies within the margin that matters: choose on other grounds.</summary>
    Either,

    /// <summary>The measurements cannot decide; the reasons say why.</summary>
    Inconclusive,
}
