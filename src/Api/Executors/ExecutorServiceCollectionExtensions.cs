using ConcurrencyService.Api.Executors.Threads;

namespace ConcurrencyService.Api.Executors;

public static class ExecutorServiceCollectionExtensions
{
    /// <summary>The executors this server offers: the in-process thread workers.</summary>
    public static IServiceCollection AddExecutors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ThreadsExecutorOptions>().Bind(configuration.GetSection(ThreadsExecutorOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ThreadsExecutor>();
        services.AddSingleton<ITaskExecutor>(sp => sp.GetRequiredService<ThreadsExecutor>());
        services.AddSingleton<ExecutorRegistry>();
        return services;
    }
}
