using ConcurrencyService.Experiments.Claims;

namespace ConcurrencyService.Experiments.Advice;

/// <summary>
/// The advisor's thresholds. The noise thresholds are the claims report's (<see cref="ClaimVerdicts"/>), so a machine
/// one calls busy the other calls busy too.
/// </summary>
public static class AdviceRules
{
    /// <summary>One executor beats another when it is at least this much faster, its whole interval beyond it.</summary>
    public const double Margin = 1.1;

    /// <summary>A task is CPU-bound at this CPU share or above: a single CPU-bound thread gets nearly all of a core.</summary>
    public const double CpuBound = ClaimVerdicts.FullCore;

    /// <summary>A task is IO-bound at this CPU share or below.</summary>
    public const double IoBound = 0.2;

    /// <summary>Other programs' runnable threads per core, on average, that make the machine too busy to measure on.</summary>
    public const double Busy = ClaimVerdicts.Disturbed;

    /// <summary>A CPU-bound sequential baseline that got less than this share of a core was starved by something unseen.</summary>
    public const double FullCore = ClaimVerdicts.FullCore;

    /// <summary>A cell must last this many times the clock's tick and its executor's per-task dispatch overhead.</summary>
    public const double ShortCellFactor = 100;

    /// <summary>
    /// A hand-over between two tasks of at least this share of a task explains an idle CPU-bound baseline: it waits for
    /// each result before it hands the next task over.
    /// </summary>
    public const double HandOverShare = 0.25;

    /// <summary>Workers occupied under this share of a cell's run were not the bottleneck.</summary>
    public const double Occupied = 0.5;

    /// <summary>The share of a task that the processes executor's overhead may take at break-even.</summary>
    public const double BreakEvenShare = 0.05;
}
