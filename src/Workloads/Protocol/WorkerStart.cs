using System.Diagnostics;
using System.Globalization;

namespace ConcurrencyService.Workloads.Protocol;

/// <summary>
/// How a worker process is started: which executable (<see cref="Locate"/>), its command line, redirected pipes and the
/// runtime settings it runs with. The host's pool starts its workers this way, and the API's start-cost experiment
/// starts its workers the same way, so both measure one thing.
/// </summary>
public static class WorkerStart
{
    public const string ExecutableName = "ConcurrencyService.Worker";

    /// <summary>The folder under the worker host's where a Release build puts the lean (self-contained, trimmed, ReadyToRun) worker.</summary>
    public const string LeanFolder = "worker";

    /// <summary>
    /// A start of the worker found in <paramref name="hostDirectory"/> (the worker host's folder): the lean worker in
    /// <see cref="LeanFolder"/> if there is one and no plugins are configured, else the framework-dependent build next to
    /// the host (ReadyToRun in a Release build), which can load plugins: the lean worker is trimmed to the built-ins'
    /// code, so a plugin's calls into any other framework API or package could not run in it.
    /// </summary>
    /// <exception cref="FileNotFoundException">No worker there.</exception>
    public static ProcessStartInfo Locate(string hostDirectory, bool plugins = false)
    {
        ArgumentNullException.ThrowIfNull(hostDirectory);
        var found = plugins
            ? DotnetApp.Find(ExecutableName, hostDirectory)
            : DotnetApp.Find(ExecutableName, Path.Combine(hostDirectory, LeanFolder), hostDirectory);
        return DotnetApp.Start(found
            ?? throw new FileNotFoundException(plugins
                ? $"No plugin-capable worker ({ExecutableName}, framework-dependent) in {hostDirectory}."
                : $"No worker executable ({ExecutableName}) in {hostDirectory} or its {LeanFolder}/ folder."));
    }

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

        foreach (var (name, value) in RuntimeSettings)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>
    /// Measured on 2 cores (docs/performance.md, "Workers: optimised loops at once, workstation GC, no dynamic PGO"): a worker runs one task at a time on one thread, so it wants code that
    /// is fast from its first task and no runtime threads competing with that one.
    /// </summary>
    public static IReadOnlyList<(string Name, string Value)> RuntimeSettings { get; } =
    [
        // Methods with loops (every CPU workload) are compiled optimised at once instead of at tier 0 + OSR: a worker
        // lives for a few dozen tasks, too few for the call counts that promote a method to tier 1. Measured: the
        // 1-worker primes job ran 1.7x slower than on a thread without this, which made 2 workers look superlinear.
        ("DOTNET_TC_QuickJitForLoops", "0"),
        // Dynamic PGO instruments methods early in a process's life; short-lived workers pay for it without gaining.
        ("DOTNET_TieredPGO", "0"),
        // Workstation, non-concurrent GC: no background GC thread per worker, and a worker's heap is small.
        ("DOTNET_gcServer", "0"),
        ("DOTNET_gcConcurrent", "0"),
    ];
}
