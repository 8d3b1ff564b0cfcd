using System.Text.Json;
using System.Text.Json.Serialization;
using ConcurrencyService.Core.Node;
using ConcurrencyService.Core.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ConcurrencyService.Experiments;

/// <summary>
/// Experiments' views in Redis: <c>exp:{id}</c> (the holding node and the view's JSON; finished ones expire with the
/// retention time), indexed newest first in <c>exps</c>, and cancels asked on one node published to the others.
/// </summary>
public sealed class RedisExperimentDirectory(RedisStore redis, INodeRegistry nodes, IOptions<ExperimentsOptions> options) : IExperimentDirectory
{
    private static readonly JsonSerializerOptions Json = CreateJson();
    private readonly RedisKey _index = redis.Key("exps");
    private readonly RedisChannel _cancels = redis.Channel("exps:cancel");

    public async Task PublishAsync(ExperimentView view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        var key = Key(view.Id);
        var database = redis.Database;
        var batch = database.CreateBatch();
        var writes = new List<Task>
        {
            batch.HashSetAsync(key, [new("node", nodes.Self), new("view", JsonSerializer.Serialize(view, Json))]),
            batch.SortedSetAddAsync(_index, view.Id.ToString(), view.SubmittedAt.ToUnixTimeMilliseconds()),
        };
        if (view.Status.IsFinal())
        {
            writes.Add(batch.KeyExpireAsync(key, options.Value.RetainFinishedFor));
        }

        batch.Execute();
        await Task.WhenAll(writes);
    }

    public async Task<DirectoryEntry?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        Entry(await redis.Database.HashGetAsync(Key(id), Fields));

    public async Task<IReadOnlyList<DirectoryEntry>> ListAsync(CancellationToken cancellationToken)
    {
        var limit = options.Value.RetainFinished + options.Value.QueueCapacity;
        var ids = await redis.Database.SortedSetRangeByRankAsync(_index, 0, limit - 1, Order.Descending);
        var entries = (await Task.WhenAll(ids.Select(id => redis.Database.HashGetAsync(redis.Key("exp:" + id), Fields)))).Select(Entry).ToList();
        var expired = ids.Where((_, i) => entries[i] is null).ToArray();
        if (expired.Length > 0)
        {
            await redis.Database.SortedSetRemoveAsync(_index, expired);
        }

        return [.. entries.OfType<DirectoryEntry>()];
    }

    /// <summary>Publishes the view as the given node's (for one whose node has died, written by another).</summary>
    public async Task PublishAsAsync(string node, ExperimentView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        await redis.Database.HashSetAsync(Key(view.Id), [new("node", node), new("view", JsonSerializer.Serialize(view, Json))]);
        await redis.Database.KeyExpireAsync(Key(view.Id), options.Value.RetainFinishedFor);
    }

    private static readonly RedisValue[] Fields = ["node", "view"];

    private static DirectoryEntry? Entry(RedisValue[] fields) =>
        fields[0].IsNull || fields[1].IsNull || JsonSerializer.Deserialize<ExperimentView>(fields[1].ToString(), Json) is not { } view
            ? null
            : new DirectoryEntry(fields[0].ToString(), view);

    public async Task RequestCancelAsync(Guid id, CancellationToken cancellationToken) =>
        await redis.Connection.GetSubscriber().PublishAsync(_cancels, id.ToString());

    public async Task SubscribeToCancelsAsync(Action<Guid> cancel, CancellationToken cancellationToken) =>
        await redis.Connection.GetSubscriber().SubscribeAsync(_cancels, (_, message) =>
        {
            if (Guid.TryParse(message.ToString(), out var id))
            {
                cancel(id);
            }
        });

    private RedisKey Key(Guid id) => redis.Key("exp:" + id);

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return json;
    }
}
