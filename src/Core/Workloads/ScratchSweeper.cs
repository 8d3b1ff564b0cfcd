namespace ConcurrencyService.Core.Workloads;

/// <summary>
/// Owns the <see cref="ScratchFolder"/> for the service's lifetime: creates it at start (clearing what dead services left),
/// sweeps the files of ended worker processes every few seconds, and removes it at stop. Registered before the executors,
/// so it stops after them, when nothing writes there any more.
/// </summary>
public sealed class ScratchSweeper(ScratchFolder scratch, ILogger<ScratchSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(2);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        scratch.Create();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        scratch.Remove();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (scratch.SweepOrphans() is > 0 and var swept)
                {
                    logger.LogInformation("Removed {Count} io.file scratch files left by worker processes that ended", swept);
                }
            }
            // A folder removed under us (by hand) or a passing IO error: the next sweep tries again.
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning("Sweeping the scratch folder failed: {Message}", ex.Message);
                Directory.CreateDirectory(scratch.Path);
            }
        }
    }
}
