using ConcurrencyService.Workloads.Timing;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Core.Jobs;

/// <summary>Removes finished jobs past their retention time or beyond the retained count, so memory stays bounded under endless load.</summary>
public sealed class JobRetentionService(IJobStore store, IOptions<JobsOptions> options, ILogger<JobRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var removed = await store.PruneAsync(MonotonicClock.UtcNow - options.Value.RetainFinishedFor, options.Value.RetainFinishedJobs, stoppingToken);
            if (removed > 0)
            {
                logger.LogDebug("Retention removed {Count} finished jobs", removed);
            }
        }
    }
}
