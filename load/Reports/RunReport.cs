using ConcurrencyService.Load.Thresholds;

namespace ConcurrencyService.Load.Reports;

/// <summary>Everything a run measured, and where: what every report format is written from.</summary>
/// <param name="Command">The command line, so a reader can run it again.</param>
/// <param name="Headline">The comparison suite's table; empty for a single run.</param>
public sealed record RunReport(
    string Title,
    string Command,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    EnvironmentInfo Environment,
    IReadOnlyList<StepResult> Steps,
    IReadOnlyList<ThresholdOutcome> Thresholds,
    IReadOnlyList<HeadlineRow> Headline)
{
    public bool ThresholdsPassed => Thresholds.All(t => t.Passed);
}
