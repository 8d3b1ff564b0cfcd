using ConcurrencyService.Load.Running;
using ConcurrencyService.Load.Scenarios;
using ConcurrencyService.Load.Statistics;

namespace ConcurrencyService.Load.Reports;

/// <summary>One scenario in one step: what it did, under what load, what was measured, and who used the CPU meanwhile.</summary>
public sealed record ScenarioResult(ScenarioSettings Settings, string Load, ScenarioStatistics Statistics, CpuUse? Cpu = null)
{
    public string Name => Settings.Name;
}
