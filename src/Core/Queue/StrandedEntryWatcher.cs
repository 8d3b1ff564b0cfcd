using ConcurrencyService.Core.Node;
using ConcurrencyService.Core.Storage;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ConcurrencyService.Core.Queue;

/// <summary>
/// Gives back the queue entries of a dead node. Hangfire.Redis does so itself only for an entry already <c>Processing</c>, and
/// only at its watcher's next pass after the server is declared dead (once a minute: about 55 s after a SIGKILL here); an
/// entry still <c>Enqueued</c> after its fetch waits for <c>InvisibilityTimeout</c> (hours) — seen once in 1,000 jobs when a
/// node was killed under load. Every half <see cref="NodeOptions.Timeout"/>, one node (a short Redis lock) puts back every
/// fetched entry whose node's lease has expired, and every one fetched longer ago than <see cref="NodeOptions.Timeout"/> and
/// still enqueued (a live node starts a fetched entry within milliseconds). The put-back is the storage's own re-queue (push
/// onto the queue, drop from its fetched list, publish), done the same way; a second delivery of a job that did start is
/// harmless, since a job runs only as an attempt claimed in its record.
/// </summary>
public sealed class StrandedEntryWatcher(JobStorage storage, RedisStore redis, INodeRegistry nodes, IOptions<NodeOptions> node, ILogger<StrandedEntryWatcher> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timeout = node.Value.Timeout;
        return new StorageLoop("Looking for stranded queue entries", timeout / 2, logger).RunAsync(
            async _ =>
            {
                if (await redis.Database.StringSetAsync(redis.Key("queue:stranded-lock"), node.Value.Name, timeout / 2, When.NotExists))
                {
                    await PutBackAsync(DateTime.UtcNow - timeout);
                }
            },
            stoppingToken);
    }

    private async Task PutBackAsync(DateTime fetchedBefore)
    {
        var monitoring = storage.GetMonitoringApi();
        foreach (var queue in monitoring.Queues().Select(q => q.Name))
        {
            foreach (var (jobId, fetched) in monitoring.FetchedJobs(queue, 0, 1000))
            {
                var stranded = fetched.State == EnqueuedState.StateName && fetched.FetchedAt is { } at && at < fetchedBefore;
                if (!stranded && !(fetched.State == ProcessingState.StateName && await ProcessedByDeadNodeAsync(jobId)))
                {
                    continue;
                }

                var transaction = redis.Database.CreateTransaction();
                _ = transaction.ListRightPushAsync(redis.HangfirePrefix + $"queue:{queue}", jobId);
                _ = transaction.ListRemoveAsync(redis.HangfirePrefix + $"queue:{queue}:dequeued", jobId, -1);
                _ = transaction.HashDeleteAsync(redis.HangfirePrefix + $"job:{jobId}", ["Fetched", "Checked"]);
                _ = transaction.PublishAsync(RedisChannel.Literal(redis.HangfirePrefix + "JobFetchChannel"), jobId);
                await transaction.ExecuteAsync();
                logger.LogWarning("Queue entry {JobId} on '{Queue}' ({State}, fetched at {FetchedAt:O}) belonged to a dead node; put back on its queue", jobId, queue, fetched.State, fetched.FetchedAt);
            }
        }
    }

    /// <summary>Hangfire's server ids start with the server's name, which is <c>{node}:{queue}</c>.</summary>
    private async Task<bool> ProcessedByDeadNodeAsync(string jobId)
    {
        var server = await redis.Database.HashGetAsync(redis.HangfirePrefix + $"job:{jobId}:state", "ServerId");
        return !server.IsNull && server.ToString().Split(':')[0] is { Length: > 0 } owner && !await nodes.IsAliveAsync(owner, CancellationToken.None);
    }
}
