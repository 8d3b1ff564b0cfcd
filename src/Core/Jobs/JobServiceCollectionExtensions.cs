using ConcurrencyService.Core.Queue;
using ConcurrencyService.Core.Storage;
using ConcurrencyService.Core.Telemetry;

namespace ConcurrencyService.Core.Jobs;

public static class JobServiceCollectionExtensions
{
    /// <summary>The job records (in memory, or in Redis shared by every node), their metrics, lifecycle, runner (the queue's handler for job tickets), submission, cancelling and retention.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<JobsOptions>, JobRunLimitValidator>();
        if (StorageServiceCollectionExtensions.Read(configuration).Provider == StorageProvider.Redis)
        {
            services.AddSingleton<JobRecordJson>();
            services.AddSingleton<IJobStore, RedisJobStore>();
        }
        else
        {
            services.AddSingleton<IJobStore, InMemoryJobStore>();
        }

        services.AddSingleton<ServiceMeter>();
        services.AddSingleton<RecentJobs>();
        services.AddSingleton<JobMetrics>();
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
