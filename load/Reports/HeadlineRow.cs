namespace ConcurrencyService.Load.Reports;

/// <summary>
/// A row of the comparison table. <see cref="Speedup"/> is jobs/s over the same scenario's at 1 worker;
/// <see cref="Ideal"/> is what perfect scaling would give: the worker count, capped by the cores for CPU rows.
/// <see cref="AtOnce"/> is how many jobs ran at the same time on average (Little's law: jobs/s × the server's mean run time):
/// the overlap the executor achieved. <see cref="OthersCpu"/> is the cores other processes on the machine used
/// meanwhile: above zero, the figures are disturbed. <see cref="Flags"/> (<see cref="HeadlineFlags"/>) mark a speedup that
/// does not measure the workers, and <see cref="Note"/> says why in a sentence.
/// </summary>
public sealed record HeadlineRow(
    string Scenario,
    string Kind,
    string Executor,
    int Workers,
    double JobsPerSecond,
    double P99Ms,
    long Failed,
    double? AtOnce,
    double? Speedup,
    int? Ideal,
    double? OthersCpu,
    IReadOnlyList<string>? Flags = null,
    string? Note = null);
