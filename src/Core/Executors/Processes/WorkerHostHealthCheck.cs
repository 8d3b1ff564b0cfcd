using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConcurrencyService.Core.Executors.Processes;

/// <summary>
/// Ready only while the worker host is connected and every warm worker slot has a live process, so a load
/// balancer (or a test) never sends work to a pool that is still starting or backing off.
/// </summary>
public sealed class WorkerHostHealthCheck(WorkerHostSupervisor supervisor) : IHealthCheck
{
    private static readonly string[] Live = ["idle", "busy"];

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!supervisor.IsConnected)
        {
            return HealthCheckResult.Unhealthy(supervisor.Problem ?? "The worker host is not connected.");
        }

        try
        {
            var pool = await supervisor.DescribePoolAsync(cancellationToken);
            var live = pool.Workers.Count(w => Live.Contains(w.State));
            return pool.Mode == "spawn" || live == pool.PoolSize
                ? HealthCheckResult.Healthy($"The worker host is connected; {live} of {pool.PoolSize} workers are up ({pool.Mode}).")
                : HealthCheckResult.Unhealthy(pool.Problem ?? $"{live} of {pool.PoolSize} worker processes are up.");
        }
        catch (Exception ex) when (ex is IOException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"The worker host did not answer: {ex.Message}");
        }
    }
}
