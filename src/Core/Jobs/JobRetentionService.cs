using ConcurrencyService.Core.Storage;
using ConcurrencyService.Workloads.Timing;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Core.Jobs;

/// <summary>
/// Removes finished jobs past their retention time or beyond the retained count, so memory stays bounded under endless load.
/// A pass that fails (the storage away) is tried again later: a missed prune only delays it.
/// </summary>
public sealed class JobRetentionService(IJobStore store, IOptions<JobsOptions> options, ILogger<JobRetentionService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new StorageLoop("Pruning finished jobs", options.Value.RetentionInterval, logger).RunAsync(
            async cancellationToken =>
            {
                var removed = await store.PruneAsync(MonotonicClock.UtcNow - options.Value.RetainFinishedFor, options.Value.RetainFinishedJobs, cancellationToken);
                if (removed > 0)
                {
                    logger.LogDebug("Retention removed {Count} finished jobs", removed);
                }
            },
            stoppingToken);
}
