using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Catalog.Diagnostics;
using ConcurrencyService.Workloads.Http;
using ConcurrencyService.Workloads.Plugins;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Core.Workloads;

public static class WorkloadServiceCollectionExtensions
{
    private const string HttpClientName = "io.http";

    /// <summary>
    /// The workload catalog and what its workloads use: the allowlisted HTTP fetcher and the service's own scratch folder. The fault
    /// workloads (debug.crash, debug.hang) join the catalog only when <c>Diagnostics:FaultWorkloads</c> is true; plugin
    /// workloads when <c>Workloads:Plugins</c> names them.
    /// </summary>
    public static IServiceCollection AddWorkloadCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HttpWorkloadOptions>().Bind(configuration.GetSection(HttpWorkloadOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var faults = configuration.GetValue<bool>(DiagnosticWorkloads.ConfigurationKey);
        // Loaded now, not at the first request: a plugin that cannot be served stops the start naming the file and the reason.
        var pluginPaths = configuration.GetSection(WorkloadPluginsOptions.Section).Get<WorkloadPluginsOptions>()?.Plugins ?? [];
        var plugins = new WorkloadPlugins(PluginLoading.Load(pluginPaths, [.. StandardWorkloads.All.Concat(DiagnosticWorkloads.All).Select(w => w.Name)]));
        services.AddSingleton(plugins);
        IEnumerable<IWorkload> builtIns = faults ? [.. StandardWorkloads.All, .. DiagnosticWorkloads.All] : StandardWorkloads.All;
        services.AddSingleton(new WorkloadCatalog([.. builtIns, .. plugins.Loaded.SelectMany(p => p.Workloads)]));
        services.AddSingleton<SelfBaseUrls>();
        services.AddSingleton<HttpAllowlist>();
        // The fetcher bounds the whole fetch (headers and body) itself; the client's own timeout would stop at the headers.
        services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(AllowlistHttpFetcher.CreateHandler);
        services.AddSingleton<IHttpFetcher>(sp => new AllowlistHttpFetcher(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<HttpAllowlist>().Get,
            sp.GetRequiredService<IOptions<HttpWorkloadOptions>>().Value.Timeout));
        services.AddOptions<FileWorkloadOptions>().Bind(configuration.GetSection(FileWorkloadOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ScratchFolder>();
        services.AddHostedService<ScratchSweeper>();
        services.AddSingleton(sp => new WorkloadContext(sp.GetRequiredService<IHttpFetcher>(), sp.GetRequiredService<ScratchFolder>().Path));
        services.AddSingleton<WorkloadRequestReader>();
        return services;
    }
}
