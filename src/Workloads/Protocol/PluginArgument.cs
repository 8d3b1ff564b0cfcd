namespace ConcurrencyService.Workloads.Protocol;

/// <summary>A plugin a worker loads: its main assembly and the content hash its build must have (<see cref="PluginHash"/>).</summary>
public sealed record PluginArgument(string Path, string Sha256);
