using ConcurrencyService.Core.Executors;
using ConcurrencyService.Core.Executors.Threads;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Execution;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Experiments.Running;

/// <summary>
/// The executors of one experiment, none shared with regular jobs: a fresh thread executor with exactly N threads (and,
/// for threads+gil, a fresh GIL) for every run; a worker host of its own per pool mode, started on first use with as
/// many workers as the largest cell needs and stopped when the experiment ends, of which a cell uses N at a time.
/// </summary>
public sealed class CellExecutors(
    int maxWorkers, DedicatedHostSettings hosts, WorkloadContext context, IOptions<GilOptions> gil, IOptions<ThreadsExecutorOptions> threads) : IAsyncDisposable
{
    private DedicatedWorkerHost? _warm;
    private DedicatedWorkerHost? _spawn;

    /// <summary>An executor for one run of <paramref name="executor"/> with <paramref name="workers"/> workers.</summary>
    public async Task<CellExecutor> OpenAsync(ExperimentExecutor executor, int workers, CancellationToken cancellationToken)
    {
        switch (executor)
        {
            case ExperimentExecutor.Sequential:
                return Threads(1, "sequential", underGil: false, concurrency: 1);
            case ExperimentExecutor.Threads:
                return Threads(workers, "threads", underGil: false, concurrency: int.MaxValue);
            case ExperimentExecutor.ThreadsGil:
                return Threads(workers, "threads-gil", underGil: true, concurrency: int.MaxValue);
            case ExperimentExecutor.Processes:
                _warm ??= await DedicatedWorkerHost.StartAsync(hosts, "warm", maxWorkers, faultWorkloads: false, cancellationToken);
                return new CellExecutor(_warm.Executor, workers, Gil: false, Owned: null);
            case ExperimentExecutor.ProcessesSpawn:
                _spawn ??= await DedicatedWorkerHost.StartAsync(hosts, "spawn", maxWorkers, faultWorkloads: false, cancellationToken);
                return new CellExecutor(_spawn.Executor, workers, Gil: false, Owned: null);
            default:
                throw new ArgumentOutOfRangeException(nameof(executor), executor, null);
        }
    }

    /// <summary>The warm pool's workers as its host sees them (memory, pids); null before a processes cell has opened it.</summary>
    public async Task<ConcurrencyService.Workloads.Protocol.PoolState?> DescribeWarmPoolAsync(CancellationToken cancellationToken) =>
        _warm is null ? null : await _warm.DescribeAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var host in new[] { _warm, _spawn })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }

    // Thread executors hold no state between runs, so each run gets a fresh one: no run inherits another's GIL or queue.
    private CellExecutor Threads(int workers, string name, bool underGil, int concurrency)
    {
        var executor = new ThreadsExecutor(new ThreadWorkerPool(workers, $"experiment-{name}"), new Gil(gil.Value.SwitchInterval), context, threads.Value.CancelGrace);
        return new CellExecutor(executor, concurrency, underGil, executor);
    }
}

/// <summary>An executor for one run: at most <see cref="Concurrency"/> of its tasks in flight; <see cref="Owned"/> is disposed after the run.</summary>
public sealed record CellExecutor(ITaskExecutor Executor, int Concurrency, bool Gil, IDisposable? Owned) : IDisposable
{
    public void Dispose() => Owned?.Dispose();
}
