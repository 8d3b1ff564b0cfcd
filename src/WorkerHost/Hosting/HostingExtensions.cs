using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConcurrencyService.WorkerHost.Hosting;

public static class HostingExtensions
{
    /// <summary>One line per event with a timestamp: the host's output is read by people and by the process that embeds it.</summary>
    public static HostApplicationBuilder AddWorkerHostLogging(this HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });

        // Stopping waits for workers' grace periods; give it room, but never hang an embedding process for long.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        return builder;
    }

    /// <summary>Options and services of embedded mode: exit with the parent process or with its first connection.</summary>
    public static IServiceCollection AddEmbeddedMode(this IServiceCollection services)
    {
        services.AddOptions<WorkerHostOptions>().BindConfiguration(WorkerHostOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<HostExit>();
        services.AddHostedService<ParentWatcher>();
        return services;
    }
}
