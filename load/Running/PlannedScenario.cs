using ConcurrencyService.Load.Models;
using ConcurrencyService.Load.Scenarios;

namespace ConcurrencyService.Load.Running;

/// <summary>A scenario to run in a step: which one, with what job sizes, under what load.</summary>
public sealed record PlannedScenario(string Name, WorkloadSettings Workloads, LoadProfile Profile);
