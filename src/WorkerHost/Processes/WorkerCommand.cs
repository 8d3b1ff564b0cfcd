using System.Diagnostics;
using ConcurrencyService.WorkerHost.Pool;
using ConcurrencyService.Workloads.Catalog.Diagnostics;
using ConcurrencyService.Workloads.Protocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.WorkerHost.Processes;

/// <summary>
/// What to start for one worker process: the worker executable next to this host (the plugin-capable one when plugins
/// are configured), its flags and its environment. Plugins are hashed once, here, at the host's start: every worker is
/// told the hash, and the API is told it in the hello.
/// </summary>
public sealed class WorkerCommand(IOptions<WorkerPoolOptions> options, IConfiguration configuration)
{
    private readonly WorkerArguments _arguments = new(
        configuration.GetValue<bool>(DiagnosticWorkloads.ConfigurationKey),
        [.. options.Value.HttpAllowlist.Select(u => new Uri(u, UriKind.Absolute))],
        [.. options.Value.Plugins.Select(p => new PluginArgument(p, PluginHash.Of(p)))]) { HttpTimeout = options.Value.HttpTimeout };

    public WorkerArguments Arguments => _arguments;

    /// <summary>Each plugin as <c>name=sha256</c>, for the hello.</summary>
    public IReadOnlyList<string> PluginFingerprints => [.. _arguments.Plugins.Select(p => $"{Path.GetFileName(p.Path)}={p.Sha256}")];

    public ProcessStartInfo CreateStartInfo() =>
        WorkerStart.Prepare(WorkerStart.Locate(AppContext.BaseDirectory, plugins: _arguments.Plugins.Count > 0), _arguments, options.Value.MaxHeapMbPerChild);
}
