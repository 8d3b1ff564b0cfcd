namespace ConcurrencyService.Load.Reports;

/// <summary>
/// A row of the comparison table. <see cref="Speedup"/> is jobs/s over the same scenario's at 1 worker;
/// <see cref="Ideal"/> (CPU rows) is what perfect scaling would give: the worker count, capped by the cores.
/// <see cref="OthersCpu"/> is the cores other processes on the machine used meanwhile: above zero, the figures are disturbed.
/// </summary>
public sealed record HeadlineRow(
    string Scenario, string Kind, string Executor, int Workers, double JobsPerSecond, double P99Ms, long Failed, double? Speedup, int? Ideal, double? OthersCpu);
