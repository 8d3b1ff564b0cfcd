using ConcurrencyService.Api.Jobs;
using MassTransit;

namespace ConcurrencyService.Api.Queue;

public static class QueueServiceCollectionExtensions
{
    /// <summary>The job queues on MassTransit's in-memory transport: one receive endpoint per executor.</summary>
    public static IServiceCollection AddJobQueue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QueueOptions>().Bind(configuration.GetSection(QueueOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(QueueOptions.Section).Get<QueueOptions>() ?? new QueueOptions();

        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<RunJobConsumer>();
            bus.UsingInMemory((context, transport) =>
            {
                foreach (var executor in Enum.GetValues<ExecutorKind>())
                {
                    transport.ReceiveEndpoint(QueueOptions.QueueName(executor), endpoint =>
                    {
                        endpoint.ConcurrentMessageLimit = options.MaxJobsInFlight;
                        endpoint.PrefetchCount = options.MaxJobsInFlight;
                        endpoint.ConfigureConsumer<RunJobConsumer>(context);
                    });
                }
            });
        });
        services.AddOptions<MassTransitHostOptions>().Configure(o => o.ConsumerStopTimeout = TimeSpan.FromSeconds(options.ShutdownGraceSeconds));
        services.AddSingleton<IJobQueue, MassTransitJobQueue>();
        return services;
    }
}
