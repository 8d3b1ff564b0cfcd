using ConcurrencyService.Core.Executors.Processes;
using ConcurrencyService.Experiments.Advice;
using ConcurrencyService.Experiments.Claims;
using ConcurrencyService.Experiments.Running;
using ConcurrencyService.Core.Queue;
using ConcurrencyService.Core.Storage;
using ConcurrencyService.Core.Workloads;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Experiments;

public static class ExperimentServiceCollectionExtensions
{
    /// <summary>Experiments: their store and single queue, the runner that reads it, and what runners need to build dedicated executors.</summary>
    public static IServiceCollection AddExperiments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExperimentsOptions>().Bind(configuration.GetSection(ExperimentsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExperimentsOptions>, ExperimentRunLimitValidator>();
        services.AddSingleton<RetainingStore<Experiment>>();
        if (StorageServiceCollectionExtensions.Read(configuration).Provider == StorageProvider.Redis)
        {
            services.AddSingleton<RedisExperimentDirectory>();
            services.AddSingleton<IExperimentDirectory>(sp => sp.GetRequiredService<RedisExperimentDirectory>());
            services.AddSingleton<ExperimentSnapshots>();
            services.AddHostedService(sp => sp.GetRequiredService<ExperimentSnapshots>());
        }
        else
        {
            services.AddSingleton<IExperimentDirectory, LocalExperimentDirectory>();
        }

        services.AddSingleton(sp => MachineInfo.Current.With(WorkerHostCommand.Flavour(
            sp.GetRequiredService<IOptions<ProcessesExecutorOptions>>().Value, sp.GetRequiredService<WorkloadPlugins>().Any)));
        services.AddSingleton<ExperimentQueue>();
        services.AddSingleton<ExperimentSubmitter>();
        services.AddSingleton<ExperimentRequestValidator>();
        services.AddSingleton<RetainingStore<ClaimsRun>>();
        services.AddSingleton(sp => new DedicatedHostSettings(
            sp.GetRequiredService<IOptions<ProcessesExecutorOptions>>().Value,
            sp.GetRequiredService<IHostApplicationLifetime>(),
            sp.GetRequiredService<HttpAllowlist>(),
            sp.GetRequiredService<WorkloadPlugins>(),
            sp.GetRequiredService<ILogger<WorkerHostSupervisor>>(),
            sp.GetRequiredService<ScratchFolder>()));
        services.AddSingleton<CellExecutorsFactory>();
        services.AddSingleton<RunConditions>();
        services.AddSingleton<ScalingExperimentRunner>();
        services.AddSingleton<StartCostExperimentRunner>();
        services.AddSingleton<CrashExperimentRunner>();
        services.AddSingleton<CalibrationRunner>();
        services.AddSingleton<AdviceRequestValidator>();
        services.AddSingleton<IQueueHandler<ExperimentTicket>, ExperimentRunner>();
        return services;
    }
}
