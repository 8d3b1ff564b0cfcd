using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Catalog.Diagnostics;
using ConcurrencyService.Workloads.Protocol;
#if PLUGINS
using ConcurrencyService.Workloads.Plugins;
#endif

namespace ConcurrencyService.Worker;

/// <summary>The plugin workloads this worker was told to load, each checked against the hash of the build its host saw.</summary>
internal static class WorkerPlugins
{
    /// <exception cref="ArgumentException">A plugin cannot be loaded here, or its build differs from the host's; the message names it.</exception>
    public static IReadOnlyList<IWorkload> Load(IReadOnlyList<PluginArgument> plugins)
    {
        if (plugins.Count == 0)
        {
            return [];
        }
#if PLUGINS
        var hashed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var plugin in plugins)
        {
            if (PluginHash.Of(plugin.Path) is var hash && hash != plugin.Sha256)
            {
                throw new ArgumentException($"Plugin '{plugin.Path}' is another build than the worker host's: sha256 {hash} here, {plugin.Sha256} there.");
            }

            hashed[Path.GetFullPath(plugin.Path)] = hash;
        }

        try
        {
            return [.. PluginLoading.Load([.. plugins.Select(p => p.Path)], StandardWorkloads.All.Concat(DiagnosticWorkloads.All).Select(w => w.Name), hashed).SelectMany(p => p.Workloads)];
        }
        catch (PluginLoadException ex)
        {
            throw new ArgumentException(ex.Message, ex);
        }
#else
        throw new ArgumentException(
            $"This is the lean worker, trimmed to the built-in workloads: it cannot load plugins ({string.Join(", ", plugins.Select(p => p.Path))}). The worker host starts the framework-dependent worker when plugins are configured.");
#endif
    }
}
