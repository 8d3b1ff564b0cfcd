using ConcurrencyService.WorkerHost.Processes;
using Microsoft.Extensions.DependencyInjection;

namespace ConcurrencyService.WorkerHost.Pool;

public static class PoolServiceCollectionExtensions
{
    /// <summary>The worker pool, its options (section <c>Pool</c>, validated at start) and what it starts.</summary>
    public static IServiceCollection AddWorkerPool(this IServiceCollection services)
    {
        services.AddOptions<WorkerPoolOptions>().BindConfiguration(WorkerPoolOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WorkerCommand>();
        services.AddSingleton<WorkerLauncher>();
        services.AddSingleton<WorkerPool>();
        services.AddSingleton<ITaskDispatcher>(sp => sp.GetRequiredService<WorkerPool>());
        services.AddHostedService(sp => sp.GetRequiredService<WorkerPool>());
        return services;
    }
}
