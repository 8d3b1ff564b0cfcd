using System.Diagnostics;
using ConcurrencyService.WorkerHost.Pool;
using ConcurrencyService.Workloads.Catalog.Diagnostics;
using ConcurrencyService.Workloads.Protocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.WorkerHost.Processes;

/// <summary>What to start for one worker process: the worker executable next to this host, its flags and its environment.</summary>
public sealed class WorkerCommand(IOptions<WorkerPoolOptions> options, IConfiguration configuration)
{
    private readonly WorkerArguments _arguments = new(
        configuration.GetValue<bool>(DiagnosticWorkloads.ConfigurationKey),
        [.. options.Value.HttpAllowlist.Select(u => new Uri(u, UriKind.Absolute))]) { HttpTimeout = options.Value.HttpTimeout };

    public WorkerArguments Arguments => _arguments;

    public ProcessStartInfo CreateStartInfo() =>
        WorkerStart.Prepare(WorkerStart.Locate(AppContext.BaseDirectory), _arguments, options.Value.MaxHeapMbPerChild);
}
