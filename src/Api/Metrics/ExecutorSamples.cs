using System.Collections.Concurrent;
using ConcurrencyService.Core.Executors;
using ConcurrencyService.Core.Jobs;

namespace ConcurrencyService.Api.Metrics;

/// <summary>
/// Each executor's queue depth and workers as last read: the workers as the executors describe them (for the processes
/// executor: the worker host, over the protocol). Refreshed before each scrape, so <c>/metrics</c> costs nothing between
/// scrapes and an observable instrument never waits on a read.
/// </summary>
public sealed class ExecutorSamples(ExecutorRegistry registry, IJobStore store)
{
    private readonly ConcurrentDictionary<ExecutorKind, ExecutorWorkers> _workers = new();
    private readonly ConcurrentDictionary<ExecutorKind, int> _queueDepth = new();

    public IReadOnlyDictionary<ExecutorKind, ExecutorWorkers> Workers => _workers;

    public IReadOnlyDictionary<ExecutorKind, int> QueueDepth => _queueDepth;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        foreach (var kind in Enum.GetValues<ExecutorKind>())
        {
            // The queue is shared by every node on the same storage: its depth is the store's count, not this node's.
            _queueDepth[kind] = await store.CountAsync(JobStatus.Queued, kind, cancellationToken);
            if (registry.TryGet(kind, out var executor))
            {
                _workers[kind] = await executor.DescribeWorkersAsync(cancellationToken);
            }
        }
    }
}
