namespace ConcurrencyService.Load.Thresholds;

/// <summary>One rule checked against one scenario in one step.</summary>
public sealed record ThresholdOutcome(string Rule, string Step, string Scenario, string Actual, bool Passed);
