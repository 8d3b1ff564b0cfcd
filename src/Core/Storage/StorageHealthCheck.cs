using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConcurrencyService.Core.Storage;

/// <summary>Ready only while the storage answers: with Redis, a PING round trip; in memory, always.</summary>
public sealed class StorageHealthCheck(StorageOptions options, RedisStore? redis = null) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (redis is null)
        {
            return HealthCheckResult.Healthy($"{options.Provider} storage (this process only).");
        }

        try
        {
            var latency = await redis.Database.PingAsync();
            return HealthCheckResult.Healthy($"Redis answered a PING in {latency.TotalMilliseconds:F1} ms.");
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            return HealthCheckResult.Unhealthy($"Redis is unreachable: {ex.Message}");
        }
    }
}
