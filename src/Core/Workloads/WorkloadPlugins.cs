using ConcurrencyService.Workloads.Plugins;

namespace ConcurrencyService.Core.Workloads;

/// <summary>The plugins this process loaded at start-up, which its worker host and workers must load too, with the same builds.</summary>
public sealed class WorkloadPlugins(IReadOnlyList<LoadedPlugin> loaded)
{
    public IReadOnlyList<LoadedPlugin> Loaded { get; } = loaded;

    public bool Any => Loaded.Count > 0;

    /// <summary>Each plugin's name and content hash, e.g. <c>Acme.Workloads.dll=3f2a…</c>, in load order: what the catalog fingerprint is made of.</summary>
    public IReadOnlyList<string> Fingerprints => [.. Loaded.Select(p => $"{p.Name}={p.Hash}")];
}
