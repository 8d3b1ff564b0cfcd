using Microsoft.Extensions.DependencyInjection;

namespace ConcurrencyService.WorkerHost.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Binds the socket before anything else starts. Call first: the host stops services in reverse order, so the
    /// file is deleted last, after the workers have stopped.
    /// </summary>
    public static IServiceCollection AddApiSocket(this IServiceCollection services)
    {
        services.AddSingleton<ApiSocket>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiSocket>());
        return services;
    }

    /// <summary>Serves connections on the socket. Call after the pool, so it stops first: no new tasks, then the pool stops.</summary>
    public static IServiceCollection AddApiListener(this IServiceCollection services)
    {
        services.AddHostedService<ApiListener>();
        return services;
    }
}
