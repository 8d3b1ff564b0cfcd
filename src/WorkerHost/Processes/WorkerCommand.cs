using System.Diagnostics;
using System.Globalization;
using ConcurrencyService.WorkerHost.Pool;
using ConcurrencyService.WorkerHost.Worker;
using ConcurrencyService.Workloads.Catalog.Diagnostics;
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

        return Prepare(info, _arguments, options.Value.MaxHeapMbPerChild);
    }

    /// <summary>
    /// Makes a start of this executable (apphost, or <c>dotnet</c> with the dll already in its arguments) a worker: its
    /// arguments, redirected pipes and environment. The API uses it too, to start workers the way the pool does.
    /// </summary>
    public static ProcessStartInfo Prepare(ProcessStartInfo info, WorkerArguments arguments, int maxHeapMbPerChild)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(arguments);
        info.UseShellExecute = false;
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        foreach (var argument in arguments.ToArguments())
        {
            info.ArgumentList.Add(argument);
        }

        // A heap limit makes a runaway allocation fail fast with OutOfMemoryException inside the worker instead of
        // swapping or waking the kernel's OOM killer for the whole machine. The runtime reads this variable as hex.
        if (maxHeapMbPerChild > 0)
        {
            info.Environment["DOTNET_GCHeapHardLimit"] = "0x" + (maxHeapMbPerChild * 1024L * 1024L).ToString("X", CultureInfo.InvariantCulture);
        }
        else
        {
            info.Environment.Remove("DOTNET_GCHeapHardLimit");
        }

        // Dynamic PGO instruments methods early in a process's life; short-lived workers pay for it without gaining.
        info.Environment["DOTNET_TieredPGO"] = "0";
        return info;
    }
}
