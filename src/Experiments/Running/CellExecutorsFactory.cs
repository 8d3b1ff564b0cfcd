using ConcurrencyService.Core.Executors.Threads;
using ConcurrencyService.Workloads;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Experiments.Running;

/// <summary>Makes each experiment its own <see cref="CellExecutors"/>.</summary>
public sealed class CellExecutorsFactory(DedicatedHostSettings hosts, WorkloadContext context, IOptions<GilOptions> gil, IOptions<ThreadsExecutorOptions> threads)
{
    public CellExecutors Create(int maxWorkers) => new(maxWorkers, hosts, context, gil, threads);

    public DedicatedHostSettings Hosts => hosts;
}
