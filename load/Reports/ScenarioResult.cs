using ConcurrencyService.Load.Scenarios;
using ConcurrencyService.Load.Statistics;

namespace ConcurrencyService.Load.Reports;

/// <summary>One scenario in one step: what it did, under what load, and what was measured.</summary>
public sealed record ScenarioResult(ScenarioSettings Settings, string Load, ScenarioStatistics Statistics)
{
    public string Name => Settings.Name;
}
