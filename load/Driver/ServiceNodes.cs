namespace ConcurrencyService.Load.Driver;

/// <summary>
/// The nodes a run spreads its iterations over, round-robin: each iteration takes the next node and makes all its calls
/// (the submission and the long-polls) to that node, so nodes that share nothing can be measured side by side too.
/// </summary>
public sealed class ServiceNodes
{
    private long _next = -1;

    public ServiceNodes(IReadOnlyList<ServiceNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentOutOfRangeException.ThrowIfZero(nodes.Count, nameof(nodes));
        All = nodes;
    }

    public IReadOnlyList<ServiceNode> All { get; }

    public ServiceNode Next() => All.Count == 1 ? All[0] : All[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)All.Count)];
}
