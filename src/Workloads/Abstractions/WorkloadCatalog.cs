using System.Diagnostics.CodeAnalysis;

namespace ConcurrencyService.Workloads;

/// <summary>The workloads a host offers, by name. Diagnostic (fault) workloads are added only when enabled.</summary>
public sealed class WorkloadCatalog
{
    private readonly Dictionary<string, IWorkload> _byName;

    public WorkloadCatalog(IEnumerable<IWorkload> workloads)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        _byName = workloads.ToDictionary(w => w.Name, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<IWorkload> All => _byName.Values;

    public bool TryGet(string name, [NotNullWhen(true)] out IWorkload? workload) =>
        _byName.TryGetValue(name, out workload);

    public IWorkload Get(string name) =>
        TryGet(name, out var workload) ? workload : throw new KeyNotFoundException($"No workload named '{name}'.");
}
