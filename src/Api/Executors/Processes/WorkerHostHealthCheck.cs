using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConcurrencyService.Api.Executors.Processes;

/// <summary>Ready only while the worker host is connected, so a load balancer waits for the processes executor too.</summary>
public sealed class WorkerHostHealthCheck(WorkerHostSupervisor supervisor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(supervisor.IsConnected
            ? HealthCheckResult.Healthy("The worker host is connected.")
            : HealthCheckResult.Unhealthy(supervisor.Problem ?? "The worker host is not connected."));
}
