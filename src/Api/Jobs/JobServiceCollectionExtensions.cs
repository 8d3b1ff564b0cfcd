using ConcurrencyService.Api.Executors;

namespace ConcurrencyService.Api.Jobs;

public static class JobServiceCollectionExtensions
{
    /// <summary>The job store (in memory), lifecycle, runner, submission and retention.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IJobStore, InMemoryJobStore>();
        services.AddSingleton<ExecutorStatistics>();
        services.AddSingleton<JobLifecycle>();
        services.AddSingleton<JobCancellations>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<JobRequestValidator>();
        services.AddSingleton<JobSubmitter>();
        services.AddHostedService<JobRetentionService>();
        return services;
    }
}
