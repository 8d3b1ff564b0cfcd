namespace ConcurrencyService.Load.Scenarios;

/// <summary>What a scenario does, for reports: its job (workload, parameters, executor, tasks) or its request.</summary>
public sealed record ScenarioSettings(string Name, string Description, string? Workload, string? Executor, IReadOnlyDictionary<string, object> Parameters, int Tasks)
{
    /// <summary>IO or CPU and threads or processes, for the charts; null for the raw HTTP baseline.</summary>
    public string? Kind => Workload is null ? null : Workload.StartsWith("io.", StringComparison.Ordinal) ? "IO" : "CPU";
}
