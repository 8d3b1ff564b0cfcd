using ConcurrencyService.Core.Executors.Processes;
using ConcurrencyService.Core.Executors.Threads;
using ConcurrencyService.Core.Node;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Execution;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Core.Executors;

public static class ExecutorServiceCollectionExtensions
{
    /// <summary>
    /// The executors this server offers: in-process thread workers and, unless disabled, worker processes. An API-only node
    /// (<c>Node:Workers=false</c>) starts no worker host: it queues processes jobs for the nodes that run workers.
    /// </summary>
    public static IServiceCollection AddExecutors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ThreadsExecutorOptions>().Bind(configuration.GetSection(ThreadsExecutorOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GilOptions>().Bind(configuration.GetSection(GilOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new Gil(sp.GetRequiredService<IOptions<GilOptions>>().Value.SwitchInterval));
        services.AddSingleton(sp =>
        {
            var threads = sp.GetRequiredService<IOptions<ThreadsExecutorOptions>>().Value;
            return new ThreadsExecutor(new ThreadWorkerPool(threads.Workers, "thread-worker"), sp.GetRequiredService<Gil>(), sp.GetRequiredService<WorkloadContext>(), threads.CancelGrace);
        });
        services.AddSingleton<ITaskExecutor>(sp => sp.GetRequiredService<ThreadsExecutor>());

        services.AddOptions<ProcessesExecutorOptions>().Bind(configuration.GetSection(ProcessesExecutorOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        if (configuration.GetSection(ProcessesExecutorOptions.Section).Get<ProcessesExecutorOptions>() is not { Enabled: false } && configuration.ReadNode().Workers)
        {
            services.AddSingleton<WorkerHostSupervisor>();
            services.AddHostedService(sp => sp.GetRequiredService<WorkerHostSupervisor>());
            services.AddSingleton<ITaskExecutor, ProcessesExecutor>();
            services.AddHealthChecks().AddCheck<WorkerHostHealthCheck>("worker-host", tags: ["ready"]);
        }

        services.AddSingleton<ExecutorRegistry>();
        return services;
    }
}
