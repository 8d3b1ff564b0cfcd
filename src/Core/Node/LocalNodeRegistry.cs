using Microsoft.Extensions.Options;

namespace ConcurrencyService.Core.Node;

/// <summary>In-memory storage holds one node: this one, alive while it runs.</summary>
public sealed class LocalNodeRegistry(IOptions<NodeOptions> options) : INodeRegistry
{
    private readonly NodeInfo _self = NodeInfoFactory.Self(options.Value);

    public string Self => _self.Name;

    public ValueTask<bool> IsAliveAsync(string node, CancellationToken cancellationToken) => ValueTask.FromResult(node == _self.Name);

    public ValueTask<IReadOnlyList<NodeInfo>> ListAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<NodeInfo>>([_self]);
}
