using System.Text.Json;
using ConcurrencyService.Core.Storage;
using ConcurrencyService.Core.Workloads;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ConcurrencyService.Core.Node;

/// <summary>
/// Nodes on one Redis: each renews a lease key (<c>node:{name}</c>, expiring after <see cref="NodeOptions.Timeout"/>) every
/// <see cref="NodeOptions.HeartbeatInterval"/>, and removes it when it stops. A node killed without a word is dead once its
/// lease expires. While the lease cannot be renewed (Redis unreachable), the node goes on and retries.
/// Every node serves one catalog: beside its lease a node keeps its plugins' fingerprints (<c>catalog:{name}</c>), and a
/// node whose plugins differ from a live node's refuses to start, naming the difference, so that no job is ever fetched
/// by a node that lacks its workload or runs another build of it.
/// </summary>
public sealed class RedisNodeRegistry(RedisStore redis, IOptions<NodeOptions> options, WorkloadPlugins plugins, ILogger<RedisNodeRegistry> logger)
    : BackgroundService, INodeRegistry
{
    private readonly NodeInfo _self = NodeInfoFactory.Self(options.Value);
    private readonly RedisKey _members = redis.Key("nodes");

    public string Self => _self.Name;

    public async ValueTask<bool> IsAliveAsync(string node, CancellationToken cancellationToken) =>
        node == _self.Name || await redis.Database.KeyExistsAsync(Lease(node));

    public async ValueTask<IReadOnlyList<NodeInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var names = await redis.Database.SetMembersAsync(_members);
        var leases = names.Length == 0 ? [] : await redis.Database.StringGetAsync([.. names.Select(n => Lease(n!))]);
        var alive = new List<NodeInfo>(names.Length);
        for (var i = 0; i < names.Length; i++)
        {
            if (leases[i].IsNull)
            {
                await redis.Database.SetRemoveAsync(_members, names[i]);
            }
            else if (JsonSerializer.Deserialize<NodeInfo>(leases[i].ToString(), JsonOptions) is { } info)
            {
                alive.Add(info);
            }
        }

        return [.. alive.OrderBy(n => n.Name, StringComparer.Ordinal)];
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await CheckCatalogAsync();
        try
        {
            await RenewAsync(); // before the node takes work, so its first job is owned by a live node
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            logger.LogWarning("Node {Node} could not take its lease at start ({Message}); its heartbeat tries again", _self.Name, ex.Message);
        }

        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await redis.Database.KeyDeleteAsync([Lease(_self.Name), Catalog(_self.Name)]);
            await redis.Database.SetRemoveAsync(_members, _self.Name);
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            logger.LogWarning("Node {Node} could not remove its lease ({Message}); it expires by itself", _self.Name, ex.Message);
        }
    }

    /// <summary>No backoff beyond the heartbeat: the lease must be renewed as soon as Redis answers again, before it runs out.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new StorageLoop($"Renewing node {_self.Name}'s lease", options.Value.HeartbeatInterval, logger) { MaxBackoff = options.Value.HeartbeatInterval }
            .RunAsync(_ => RenewAsync(), stoppingToken);

    private async Task RenewAsync()
    {
        var json = JsonSerializer.Serialize(_self, JsonOptions);
        await redis.Database.StringSetAsync(Catalog(_self.Name), JsonSerializer.Serialize(plugins.Fingerprints, JsonOptions), options.Value.Timeout);
        await redis.Database.StringSetAsync(Lease(_self.Name), json, options.Value.Timeout);
        await redis.Database.SetAddAsync(_members, _self.Name);
    }

    private RedisKey Lease(string node) => redis.Key("node:" + node);

    private RedisKey Catalog(string node) => redis.Key("catalog:" + node);

    /// <exception cref="InvalidOperationException">A live node serves other plugins (or other builds of them).</exception>
    private async Task CheckCatalogAsync()
    {
        var mine = plugins.Fingerprints;
        IReadOnlyList<NodeInfo> live;
        try
        {
            live = await ListAsync(CancellationToken.None);
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            logger.LogWarning("Node {Node} could not compare its plugins with the cluster's: {Message}", _self.Name, ex.Message);
            return;
        }

        foreach (var node in live.Where(n => n.Name != _self.Name))
        {
            var stored = await redis.Database.StringGetAsync(Catalog(node.Name));
            if (stored.IsNull || JsonSerializer.Deserialize<string[]>(stored.ToString(), JsonOptions) is not { } theirs || theirs.SequenceEqual(mine, StringComparer.Ordinal))
            {
                continue;
            }

            var missing = theirs.Except(mine, StringComparer.Ordinal).ToList();
            var extra = mine.Except(theirs, StringComparer.Ordinal).ToList();
            throw new InvalidOperationException(
                $"Node {_self.Name} serves other plugins than node {node.Name} of its cluster, and every node must serve the same workloads: " +
                $"{(missing.Count > 0 ? $"{node.Name} has {string.Join(", ", missing)} which this node lacks" : "")}" +
                $"{(missing.Count > 0 && extra.Count > 0 ? "; " : "")}" +
                $"{(extra.Count > 0 ? $"this node has {string.Join(", ", extra)} which {node.Name} lacks" : "")} (plugin=sha256). Configure Workloads:Plugins alike on every node.");
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
