using System.Diagnostics;
using System.Globalization;
using ConcurrencyService.Workloads.Catalog.Diagnostics;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.Core.Executors.Processes;

/// <summary>What to start for an embedded worker host: its executable next to the API, and its settings as arguments.</summary>
public static class WorkerHostCommand
{
    private const string Name = "ConcurrencyService.WorkerHost";
    private const string ReadyToRunFolder = "worker-host";

    /// <param name="plugins">The plugin assemblies this API loaded (full paths): the host's workers load the same ones.</param>
    /// <param name="scratchDirectory">The service's scratch folder, made the host's and its workers' temp folder (<c>TMPDIR</c>), so what they leave is swept.</param>
    public static ProcessStartInfo Create(ProcessesExecutorOptions options, string socketPath, bool faultWorkloads, IEnumerable<Uri> httpAllowlist, TimeSpan httpTimeout, IEnumerable<string> plugins, string? scratchDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var start = DotnetApp.Start(HostPath(options.WorkerHostPath));
        if (scratchDirectory is not null)
        {
            start.Environment["TMPDIR"] = scratchDirectory;
        }

        start.UseShellExecute = false;
        start.RedirectStandardInput = true; // never read; keeps the host off the API's terminal
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
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
            $"--Pool:HttpTimeout={httpTimeout.ToString("c", CultureInfo.InvariantCulture)}",
            .. plugins.Select((path, i) => $"--Pool:Plugins:{i}={path}"),
        ];
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        return start;
    }

    /// <summary>A worker process started the way the host's pool starts one, for measuring what a process start costs.</summary>
    /// <param name="plugins">Plugins it loads; with any, the plugin-capable (framework-dependent) worker starts, as in the pool.</param>
    public static ProcessStartInfo CreateWorker(ProcessesExecutorOptions options, IReadOnlyList<PluginArgument>? plugins = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hostDirectory = Path.GetDirectoryName(Path.GetFullPath(HostPath(options.WorkerHostPath))) ?? AppContext.BaseDirectory;
        plugins ??= [];
        return WorkerStart.Prepare(
            WorkerStart.Locate(hostDirectory, plugins.Count > 0), new WorkerArguments(FaultWorkloads: false, HttpAllowlist: [], plugins), options.MaxHeapMbPerChild);
    }

    /// <summary>The worker the host's pool would start with these options: the lean one where it was built and no plugins are configured.</summary>
    /// <returns>Null where no worker host or worker is found.</returns>
    public static WorkerFlavour? Flavour(ProcessesExecutorOptions options, bool plugins)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            var hostDirectory = Path.GetDirectoryName(Path.GetFullPath(HostPath(options.WorkerHostPath))) ?? AppContext.BaseDirectory;
            return !plugins && DotnetApp.Find(WorkerStart.ExecutableName, Path.Combine(hostDirectory, WorkerStart.LeanFolder)) is not null ? WorkerFlavour.Lean
                : DotnetApp.Find(WorkerStart.ExecutableName, hostDirectory) is not null ? WorkerFlavour.FrameworkDependent
                : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    // A Release build ships a ReadyToRun-compiled host in worker-host/ (see the WorkerHost project); prefer it.
    private static string HostPath(string? configured) =>
        configured ?? DotnetApp.Find(Name, Path.Combine(AppContext.BaseDirectory, ReadyToRunFolder), AppContext.BaseDirectory)
        ?? throw new FileNotFoundException($"The worker host was not found next to the API in {AppContext.BaseDirectory}; set {ProcessesExecutorOptions.Section}:WorkerHostPath.");
}
