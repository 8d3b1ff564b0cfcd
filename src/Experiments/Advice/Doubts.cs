namespace ConcurrencyService.Experiments.Advice;

/// <summary>Why measurements may not carry a decision: repeat, lengthen or move the runs to remove each.</summary>
[Flags]
public enum Doubts
{
    None = 0,

    /// <summary>Other programs kept the cores busy.</summary>
    BusyMachine = 1,

    /// <summary>The CPU-bound sequential baseline got under most of a core.</summary>
    StarvedBaseline = 2,

    /// <summary>Some cells ran too briefly to time against the clock and the dispatch overhead.</summary>
    ShortCells = 4,

    /// <summary>An interval spans the decision's margin: more runs would narrow it.</summary>
    WideIntervals = 8,

    /// <summary>Too few runs for a 95% interval, or an executor not measured.</summary>
    TooFewRuns = 16,
}
