using ConcurrencyService.Api.Executors.Threads;
using ConcurrencyService.Workloads;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Experiments.Running;

/// <summary>Makes each experiment its own <see cref="CellExecutors"/>.</summary>
public sealed class CellExecutorsFactory(DedicatedHostSettings hosts, WorkloadContext context, IOptions<GilOptions> gil)
{
    public CellExecutors Create(int maxWorkers) => new(maxWorkers, hosts, context, gil);

    public DedicatedHostSettings Hosts => hosts;
}
