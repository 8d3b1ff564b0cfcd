namespace ConcurrencyService.Core.Node;

/// <summary>Which nodes are alive: each keeps a lease in the shared storage while it runs.</summary>
public interface INodeRegistry
{
    /// <summary>This node's name.</summary>
    string Self { get; }

    /// <summary>True while the named node's lease is current.</summary>
    ValueTask<bool> IsAliveAsync(string node, CancellationToken cancellationToken);

    /// <summary>The nodes whose lease is current, with the roles they announced.</summary>
    ValueTask<IReadOnlyList<NodeInfo>> ListAsync(CancellationToken cancellationToken);
}

/// <summary>A live node: its name, roles, process and when it started.</summary>
public sealed record NodeInfo(string Name, bool Http, bool Workers, string Machine, int ProcessId, DateTimeOffset StartedAt);
