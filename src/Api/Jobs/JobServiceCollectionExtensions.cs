using ConcurrencyService.Api.Queue;

namespace ConcurrencyService.Api.Jobs;

public static class JobServiceCollectionExtensions
{
    /// <summary>The job records (in memory), lifecycle, runner (the queue's handler for job tickets), submission, cancelling and retention.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IJobStore, InMemoryJobStore>();
        services.AddSingleton<JobCounters>();
        services.AddSingleton<JobLifecycle>();
        services.AddSingleton<JobCancellations>();
        services.AddSingleton<JobCanceller>();
        services.AddSingleton<IQueueHandler<JobTicket>, JobRunner>();
        services.AddSingleton<JobRequestValidator>();
        services.AddSingleton<JobSubmitter>();
        services.AddHostedService<JobRetentionService>();
        return services;
    }
}
