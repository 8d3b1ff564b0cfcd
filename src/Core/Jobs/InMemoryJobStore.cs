using System.Collections.Concurrent;
using ConcurrencyService.Core.Executors;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Core.Jobs;

/// <summary>
/// The embedded job store. Each job has its own lock and a completion signal that long-polls await; finished
/// jobs are remembered in completion order so pruning removes the oldest first in O(removed). The ids of removed
/// jobs are remembered too (16 bytes each, the oldest forgotten first beyond <see cref="JobsOptions.RememberRemovedJobs"/>).
/// </summary>
public sealed class InMemoryJobStore(IOptions<JobsOptions> options) : IJobStore
{
    private readonly ConcurrentDictionary<Guid, Entry> _jobs = new();
    private readonly ConcurrentQueue<(Guid Id, DateTimeOffset FinishedAt)> _finished = new();
    private readonly Lock _pruneLock = new();
    private readonly HashSet<Guid> _removed = [];
    private readonly Queue<Guid> _removedOrder = new();
    private readonly int[] _queued = new int[Enum.GetValues<ExecutorKind>().Length];
    private int _finishedCount;

    public bool IsShared => false;

    public ValueTask<bool> TryAddAsync(JobState job, int queuedCapacity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ref var queued = ref _queued[(int)job.Executor];
        while (true)
        {
            var count = Volatile.Read(ref queued);
            if (count >= queuedCapacity)
            {
                return ValueTask.FromResult(false);
            }

            if (Interlocked.CompareExchange(ref queued, count + 1, count) == count)
            {
                break;
            }
        }

        if (!_jobs.TryAdd(job.Id, new Entry(job)))
        {
            Interlocked.Decrement(ref queued);
            throw new InvalidOperationException($"A job with id {job.Id} exists already.");
        }

        return ValueTask.FromResult(true);
    }

    public ValueTask<int> CountAsync(JobStatus status, ExecutorKind executor, CancellationToken cancellationToken) =>
        ValueTask.FromResult(status == JobStatus.Queued
            ? Volatile.Read(ref _queued[(int)executor])
            : _jobs.Values.Count(e => e.State.Status == status && e.State.Executor == executor));

    public ValueTask<JobState?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_jobs.TryGetValue(id, out var entry) ? entry.State : null);

    public ValueTask<bool> WasRemovedAsync(Guid id, CancellationToken cancellationToken)
    {
        lock (_pruneLock)
        {
            return ValueTask.FromResult(_removed.Contains(id));
        }
    }

    public async ValueTask SetQueueJobIdAsync(Guid id, string queueJobId, CancellationToken cancellationToken) =>
        await UpdateAsync(id, job => job with { QueueJobId = queueJobId }, cancellationToken);

    public ValueTask<JobUpdate?> UpdateAsync(Guid id, Func<JobState, JobState?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!_jobs.TryGetValue(id, out var entry))
        {
            return ValueTask.FromResult<JobUpdate?>(null);
        }

        JobState? next;
        lock (entry.Lock)
        {
            next = change(entry.State);
            if (next is null)
            {
                return ValueTask.FromResult<JobUpdate?>(new JobUpdate(entry.State, Changed: false));
            }

            var wasFinal = entry.State.Status.IsFinal();
            if ((entry.State.Status == JobStatus.Queued) != (next.Status == JobStatus.Queued))
            {
                Interlocked.Add(ref _queued[(int)next.Executor], next.Status == JobStatus.Queued ? 1 : -1);
            }

            entry.State = next;
            if (!wasFinal && next.Status.IsFinal())
            {
                _finished.Enqueue((id, next.FinishedAt ?? DateTimeOffset.MinValue));
                Interlocked.Increment(ref _finishedCount);
                entry.Finished.TrySetResult();
            }
        }

        return ValueTask.FromResult<JobUpdate?>(new JobUpdate(next, Changed: true));
    }

    public ValueTask<(IReadOnlyList<JobState> Items, int Total)> ListAsync(JobQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matches = _jobs.Values
            .Select(e => e.State)
            .Where(j => (query.Status is null || j.Status == query.Status)
                && (query.Workload is null || j.Workload == query.Workload)
                && (query.Executor is null || j.Executor == query.Executor))
            .OrderByDescending(j => j.SubmittedAt)
            .ThenBy(j => j.Id)
            .ToList();
        // In long: page × pageSize can pass int.MaxValue, and a page past the end is simply empty.
        var skip = ((long)query.Page - 1) * query.PageSize;
        IReadOnlyList<JobState> page = skip >= matches.Count ? [] : [.. matches.Skip((int)skip).Take(query.PageSize)];
        return ValueTask.FromResult((page, matches.Count));
    }

    public async Task WaitUntilFinishedAsync(Guid id, CancellationToken cancellationToken)
    {
        if (_jobs.TryGetValue(id, out var entry))
        {
            await entry.Finished.Task.WaitAsync(cancellationToken);
        }
    }

    public ValueTask<int> PruneAsync(DateTimeOffset finishedBefore, int keepAtMost, CancellationToken cancellationToken)
    {
        var removed = 0;
        lock (_pruneLock)
        {
            while (_finished.TryPeek(out var oldest)
                && (oldest.FinishedAt < finishedBefore || Volatile.Read(ref _finishedCount) > keepAtMost)
                && _finished.TryDequeue(out oldest))
            {
                _jobs.TryRemove(oldest.Id, out _);
                Interlocked.Decrement(ref _finishedCount);
                Remember(oldest.Id);
                removed++;
            }
        }

        return ValueTask.FromResult(removed);
    }

    // Called under _pruneLock.
    private void Remember(Guid id)
    {
        var limit = options.Value.RememberRemovedJobs;
        if (limit == 0)
        {
            return;
        }

        if (_removed.Add(id))
        {
            _removedOrder.Enqueue(id);
        }

        while (_removedOrder.Count > limit)
        {
            _removed.Remove(_removedOrder.Dequeue());
        }
    }

    private sealed class Entry(JobState state)
    {
        public Lock Lock { get; } = new();

        public JobState State { get; set; } = state;

        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
