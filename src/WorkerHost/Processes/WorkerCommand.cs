using System.Diagnostics;
using ConcurrencyService.WorkerHost.Pool;
using ConcurrencyService.Workloads.Catalog.Diagnostics;
using ConcurrencyService.Workloads.Protocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.WorkerHost.Processes;

/// <summary>What to start for one worker process: this same executable with <c>worker</c>, its flags and its environment.</summary>
public sealed class WorkerCommand(IOptions<WorkerPoolOptions> options, IConfiguration configuration)
{
    private readonly WorkerArguments _arguments = new(
        configuration.GetValue<bool>(DiagnosticWorkloads.ConfigurationKey),
        [.. options.Value.HttpAllowlist.Select(u => new Uri(u, UriKind.Absolute))]);

    public WorkerArguments Arguments => _arguments;

    public ProcessStartInfo CreateStartInfo()
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The host's executable path is unknown.");
        var info = new ProcessStartInfo { FileName = self };

        // Run as `dotnet ConcurrencyService.WorkerHost.dll`, the host must start workers the same way; otherwise it is the apphost.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(WorkerCommand).Assembly.Location);
        }

        return WorkerStart.Prepare(info, _arguments, options.Value.MaxHeapMbPerChild);
    }
}
