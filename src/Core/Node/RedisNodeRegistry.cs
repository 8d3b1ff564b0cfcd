using System.Text.Json;
using ConcurrencyService.Core.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ConcurrencyService.Core.Node;

/// <summary>
/// Nodes on one Redis: each renews a lease key (<c>node:{name}</c>, expiring after <see cref="NodeOptions.Timeout"/>) every
/// <see cref="NodeOptions.HeartbeatInterval"/>, and removes it when it stops. A node killed without a word is dead once its
/// lease expires. While the lease cannot be renewed (Redis unreachable), the node goes on and retries.
/// </summary>
public sealed class RedisNodeRegistry(RedisStore redis, IOptions<NodeOptions> options, ILogger<RedisNodeRegistry> logger) : BackgroundService, INodeRegistry
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
            await redis.Database.KeyDeleteAsync(Lease(_self.Name));
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
        await redis.Database.StringSetAsync(Lease(_self.Name), json, options.Value.Timeout);
        await redis.Database.SetAddAsync(_members, _self.Name);
    }

    private RedisKey Lease(string node) => redis.Key("node:" + node);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
