using System.Collections.Concurrent;
using ConcurrencyService.Core.Executors;
using ConcurrencyService.Core.Storage;
using ConcurrencyService.Workloads.Timing;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ConcurrencyService.Core.Jobs;

/// <summary>
/// Job records in Redis, shared by every node. A job is a hash (<c>job:{id}</c>: version, JSON, and its status, workload
/// and executor for the indexes). Each job sits in eight sorted sets scored by submission time, one per combination of
/// "this status or any", "this workload or any", "this executor or any" (<c>ix:{status|*}:{workload|*}:{executor|*}</c>), so every
/// filter is one sorted set: a page is one range read and its total one count, never a scan. Every write is one Lua script:
/// admission counts the executor's queued set in the same step as the add, and an update is a compare-and-swap on the
/// version that moves the job between index sets. A job reaching a final status is published, so long-polls on any
/// node wake without polling.
/// </summary>
public sealed class RedisJobStore : IJobStore, IDisposable
{
    private const string AnyFilter = "*";
    private const int PruneBatch = 500;
    private const int WrittenCopies = 8192;

    private const string AddScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
        if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[1]) then return 0 end
        redis.call('HSET', KEYS[1], 'v', 1, 'd', ARGV[4], 's', ARGV[5], 'w', ARGV[6], 'e', ARGV[7])
        for i = 3, #KEYS do redis.call('ZADD', KEYS[i], ARGV[2], ARGV[3]) end
        return 1
        """;

    private const string UpdateScript = """
        local v = redis.call('HGET', KEYS[1], 'v')
        if not v then return -1 end
        if v ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], 'v', tonumber(v) + 1, 'd', ARGV[2], 's', ARGV[3])
        local moved = tonumber(ARGV[7])
        for i = 3, 2 + moved do redis.call('ZREM', KEYS[i], ARGV[5]) end
        for i = 3 + moved, #KEYS do redis.call('ZADD', KEYS[i], ARGV[4], ARGV[5]) end
        if ARGV[6] ~= '' then
          redis.call('ZADD', KEYS[2], ARGV[6], ARGV[5])
          redis.call('PUBLISH', ARGV[8], ARGV[5])
        end
        return 1
        """;

    private const string SetQueueIdScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'q', ARGV[1]) end
        """;

    private const string PruneScript = """
        local prefix, batch, remember = ARGV[4], tonumber(ARGV[3]), tonumber(ARGV[6])
        local removed = 0
        local function drop(id)
          local key = prefix .. 'job:' .. id
          local f = redis.call('HMGET', key, 's', 'w', 'e')
          if f[1] then
            for _, s in ipairs({f[1], '*'}) do for _, w in ipairs({f[2], '*'}) do for _, e in ipairs({f[3], '*'}) do
              redis.call('ZREM', prefix .. 'ix:' .. s .. ':' .. w .. ':' .. e, id)
            end end end
            redis.call('DEL', key)
          end
          redis.call('ZREM', KEYS[1], id)
          if remember > 0 then redis.call('ZADD', KEYS[2], ARGV[5], id) end
          removed = removed + 1
        end
        for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, batch)) do drop(id) end
        local over = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[2])
        if over > 0 then
          for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, math.min(over, batch) - 1)) do drop(id) end
        end
        if remember > 0 then redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(remember + 1)) end
        return removed
        """;

    private readonly RedisStore _redis;
    private readonly JobRecordJson _json;
    private readonly IOptions<JobsOptions> _options;
    private readonly RedisKey _finished;
    private readonly RedisKey _removed;
    private readonly RedisChannel _finishedChannel;
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _waiters = new();
    private readonly ConcurrentDictionary<Guid, (RedisValue Version, JobState Job)> _written = new();
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private volatile bool _subscribed;

    public RedisJobStore(RedisStore redis, JobRecordJson json, IOptions<JobsOptions> options)
    {
        _redis = redis;
        _json = json;
        _options = options;
        _finished = redis.Key("jobs:finished");
        _removed = redis.Key("jobs:removed");
        _finishedChannel = redis.Channel("jobs:finished");
    }

    public bool IsShared => true;

    public async ValueTask<bool> TryAddAsync(JobState job, int queuedCapacity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var indexes = IndexKeys(job.Status, job.Workload, job.Executor, statusOnly: false);
        RedisKey[] keys = [JobKey(job.Id), IndexKey(JobStatus.Queued, AnyFilter, job.Executor), .. indexes];
        var result = (int)await _redis.Database.ScriptEvaluateAsync(
            AddScript,
            keys,
            [queuedCapacity, Score(job.SubmittedAt), job.Id.ToString(), _json.Write(job), Name(job.Status), job.Workload, Name(job.Executor)]);
        return result switch
        {
            1 => true,
            0 => false,
            _ => throw new InvalidOperationException($"A job with id {job.Id} exists already."),
        };
    }

    public async ValueTask<int> CountAsync(JobStatus status, ExecutorKind executor, CancellationToken cancellationToken) =>
        (int)await _redis.Database.SortedSetLengthAsync(IndexKey(status, AnyFilter, executor));

    public async ValueTask<JobState?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        Read(await _redis.Database.HashGetAsync(JobKey(id), RecordFields));

    public async ValueTask SetQueueJobIdAsync(Guid id, string queueJobId, CancellationToken cancellationToken) =>
        await _redis.Database.ScriptEvaluateAsync(SetQueueIdScript, [JobKey(id)], [queueJobId]);

    public async ValueTask<bool> WasRemovedAsync(Guid id, CancellationToken cancellationToken) =>
        await _redis.Database.SortedSetScoreAsync(_removed, id.ToString()) is not null;

    public async ValueTask<JobUpdate?> UpdateAsync(Guid id, Func<JobState, JobState?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var key = JobKey(id);
        // A job this node wrote last is tried from its copy first: the version check in the script makes a stale copy harmless.
        var cached = _written.TryGetValue(id, out var written);
        while (true)
        {
            RedisValue version;
            JobState current;
            if (cached)
            {
                (version, current) = written;
            }
            else
            {
                var fields = await _redis.Database.HashGetAsync(key, ["v", "d", "q"]);
                if (fields[0].IsNull || Read(fields.AsSpan(1)) is not { } read)
                {
                    return null;
                }

                (version, current) = (fields[0], read);
            }

            var next = change(current);
            if (next is null)
            {
                if (cached)
                {
                    cached = false; // "no change" is decided on the stored job, not on a copy
                    continue;
                }

                return new JobUpdate(current, Changed: false);
            }

            var statusChanged = next.Status != current.Status;
            RedisKey[] moveOut = statusChanged ? IndexKeys(current.Status, current.Workload, current.Executor, statusOnly: true) : [];
            RedisKey[] moveIn = statusChanged ? IndexKeys(next.Status, next.Workload, next.Executor, statusOnly: true) : [];
            var finishedNow = !current.Status.IsFinal() && next.Status.IsFinal();
            var result = (int)await _redis.Database.ScriptEvaluateAsync(
                UpdateScript,
                [key, _finished, .. moveOut, .. moveIn],
                [
                    version,
                    _json.Write(next),
                    Name(next.Status),
                    Score(next.SubmittedAt),
                    id.ToString(),
                    finishedNow ? Score(next.FinishedAt ?? MonotonicClock.UtcNow) : RedisValue.EmptyString,
                    moveOut.Length,
                    _finishedChannel.ToString(),
                ]);
            switch (result)
            {
                case 1:
                    Remember(id, (long)version + 1, next);
                    return new JobUpdate(next, Changed: true);
                case -1:
                    _written.TryRemove(id, out _);
                    return null;
                default:
                    // Another writer came first: read again and re-apply the change.
                    _written.TryRemove(id, out _);
                    cached = false;
                    continue;
            }
        }
    }

    /// <summary>Keeps this node's last write of a job still in progress, so its next update need not read it back; bounded, dropped once final.</summary>
    private void Remember(Guid id, long version, JobState job)
    {
        if (job.Status.IsFinal())
        {
            _written.TryRemove(id, out _);
            return;
        }

        if (_written.Count >= WrittenCopies)
        {
            _written.Clear(); // jobs another node went on with; their copies are only ever a missed shortcut
        }

        _written[id] = (version, job);
    }

    public async ValueTask<(IReadOnlyList<JobState> Items, int Total)> ListAsync(JobQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var index = IndexKey(query.Status, query.Workload ?? AnyFilter, query.Executor);
        var total = (int)await _redis.Database.SortedSetLengthAsync(index);
        var skip = ((long)query.Page - 1) * query.PageSize;
        if (skip >= total || query.PageSize == 0)
        {
            return ([], total);
        }

        var ids = await _redis.Database.SortedSetRangeByRankAsync(index, skip, skip + query.PageSize - 1, Order.Descending);
        var records = await Task.WhenAll(ids.Select(id => _redis.Database.HashGetAsync(Key("job:" + id), RecordFields)));
        // A job pruned between the two reads is left out of the page.
        return ([.. records.Select(r => Read(r)).OfType<JobState>()], total);
    }

    public async Task WaitUntilFinishedAsync(Guid id, CancellationToken cancellationToken)
    {
        await SubscribeAsync();
        var finished = _waiters.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        // Registered before reading, so a finish between the read and the wait still wakes us.
        var job = await FindAsync(id, cancellationToken);
        if (job is null || job.Status.IsFinal())
        {
            Release(id);
            return;
        }

        await finished.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask<int> PruneAsync(DateTimeOffset finishedBefore, int keepAtMost, CancellationToken cancellationToken)
    {
        var total = 0;
        int removed;
        do
        {
            removed = (int)await _redis.Database.ScriptEvaluateAsync(
                PruneScript,
                [_finished, _removed],
                [Score(finishedBefore), keepAtMost, PruneBatch, _redis.KeyPrefix, Score(MonotonicClock.UtcNow), _options.Value.RememberRemovedJobs]);
            total += removed;
        }
        while (removed == PruneBatch && !cancellationToken.IsCancellationRequested);

        return total;
    }

    public void Dispose() => _subscribing.Dispose();

    private static readonly RedisValue[] RecordFields = ["d", "q"];

    /// <summary>A job from its JSON and its queue id (a field of its own, written once after queueing).</summary>
    private JobState? Read(ReadOnlySpan<RedisValue> fields)
    {
        if (fields[0].IsNull)
        {
            return null;
        }

        var job = _json.Read(fields[0].ToString());
        return fields[1].IsNull ? job : job with { QueueJobId = fields[1].ToString() };
    }

    private async Task SubscribeAsync()
    {
        if (_subscribed)
        {
            return;
        }

        await _subscribing.WaitAsync();
        try
        {
            if (!_subscribed)
            {
                await _redis.Connection.GetSubscriber().SubscribeAsync(_finishedChannel, (_, message) =>
                {
                    if (Guid.TryParse(message.ToString(), out var id))
                    {
                        Release(id);
                    }
                });
                _subscribed = true;
            }
        }
        finally
        {
            _subscribing.Release();
        }
    }

    private void Release(Guid id)
    {
        if (_waiters.TryRemove(id, out var finished))
        {
            finished.TrySetResult();
        }
    }

    /// <summary>The eight index sets of a job, or, with <paramref name="statusOnly"/>, the four that name its status (those a status change moves it between).</summary>
    private RedisKey[] IndexKeys(JobStatus status, string workload, ExecutorKind executor, bool statusOnly)
    {
        var keys = new List<RedisKey>(8);
        foreach (var s in statusOnly ? [Name(status)] : new[] { Name(status), AnyFilter })
        {
            foreach (var w in new[] { workload, AnyFilter })
            {
                foreach (var e in new[] { Name(executor), AnyFilter })
                {
                    keys.Add(Key($"ix:{s}:{w}:{e}"));
                }
            }
        }

        return [.. keys];
    }

    private RedisKey IndexKey(JobStatus? status, string workload, ExecutorKind? executor) =>
        Key($"ix:{(status is { } s ? Name(s) : AnyFilter)}:{workload}:{(executor is { } e ? Name(e) : AnyFilter)}");

    private RedisKey JobKey(Guid id) => Key("job:" + id);

    private RedisKey Key(string name) => _redis.Key(name);

    private static string Name(JobStatus status) => status.ToString().ToLowerInvariant();

    private static string Name(ExecutorKind executor) => executor.ToString().ToLowerInvariant();

    private static double Score(DateTimeOffset at) => at.ToUnixTimeMilliseconds() + (at.Ticks % TimeSpan.TicksPerMillisecond / (double)TimeSpan.TicksPerMillisecond);
}
