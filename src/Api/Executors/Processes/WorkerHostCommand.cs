using System.Diagnostics;
using System.Globalization;
using ConcurrencyService.WorkerHost.Processes;
using ConcurrencyService.WorkerHost.Worker;
using ConcurrencyService.Workloads.Catalog.Diagnostics;

namespace ConcurrencyService.Api.Executors.Processes;

/// <summary>What to start for an embedded worker host: its executable next to the API, and its settings as arguments.</summary>
public static class WorkerHostCommand
{
    private const string Name = "ConcurrencyService.WorkerHost";

    public static ProcessStartInfo Create(ProcessesExecutorOptions options, string socketPath, bool faultWorkloads, IEnumerable<Uri> httpAllowlist)
    {
        ArgumentNullException.ThrowIfNull(options);
        var start = Locate(options.WorkerHostPath);
        start.UseShellExecute = false;
        start.RedirectStandardInput = true; // never read; keeps the host off the API's terminal
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        // The host's socket handlers are short and never block: run them on the socket's own thread instead of
        // hopping to the thread pool, which saves thread switches on every task round trip.
        start.Environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1";
        string[] settings =
        [
            $"--WorkerHost:SocketPath={socketPath}",
            $"--WorkerHost:ParentProcessId={Environment.ProcessId}",
            $"--Pool:Workers={options.Workers}",
            $"--Pool:Mode={options.PoolMode}",
            $"--Pool:SpareProcesses={options.SpareProcesses}",
            $"--Pool:MaxTasksPerChild={options.MaxTasksPerChild}",
            $"--Pool:MaxMemoryMbPerChild={options.MaxMemoryMbPerChild}",
            $"--Pool:MaxHeapMbPerChild={options.MaxHeapMbPerChild}",
            $"--{DiagnosticWorkloads.ConfigurationKey}={faultWorkloads.ToString(CultureInfo.InvariantCulture).ToLowerInvariant()}",
            .. httpAllowlist.Select((url, i) => $"--Pool:HttpAllowlist:{i}={url}"),
        ];
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        return start;
    }

    /// <summary>A worker process started the way the host's pool starts one, for measuring what a process start costs.</summary>
    public static ProcessStartInfo CreateWorker(ProcessesExecutorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return WorkerCommand.Prepare(Locate(options.WorkerHostPath), new WorkerArguments(FaultWorkloads: false, HttpAllowlist: []), options.MaxHeapMbPerChild);
    }

    private static ProcessStartInfo Locate(string? configured)
    {
        var path = configured ?? FindNextToApi();
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            var start = new ProcessStartInfo(DotnetHost());
            start.ArgumentList.Add(path);
            return start;
        }

        return new ProcessStartInfo(path);
    }

    private static string FindNextToApi()
    {
        var baseDirectory = AppContext.BaseDirectory;
        var appHost = Path.Combine(baseDirectory, OperatingSystem.IsWindows() ? $"{Name}.exe" : Name);
        if (File.Exists(appHost))
        {
            return appHost;
        }

        var dll = Path.Combine(baseDirectory, $"{Name}.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"The worker host was not found next to the API in {baseDirectory}; set {ProcessesExecutorOptions.Section}:WorkerHostPath.");
    }

    // The muxer running us when started as `dotnet Api.dll`; otherwise the SDK's, or `dotnet` on the PATH.
    private static string DotnetHost() =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
}
