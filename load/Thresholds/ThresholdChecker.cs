using ConcurrencyService.Load.Reports;

namespace ConcurrencyService.Load.Thresholds;

/// <summary>Checks every rule against every step's statistics of each scenario it names.</summary>
public static class ThresholdChecker
{
    public static IReadOnlyList<ThresholdOutcome> Check(IEnumerable<ThresholdRule> rules, IEnumerable<StepResult> steps) =>
    [
        .. from rule in rules
           from step in steps
           from scenario in step.Scenarios
           where rule.AppliesTo(scenario.Name)
           let value = rule.Measure(scenario.Statistics)
           select new ThresholdOutcome(rule.Text, step.Name, scenario.Name, rule.FormatValue(value), rule.IsMet(value)),
    ];
}
