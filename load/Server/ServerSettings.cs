namespace ConcurrencyService.Load.Server;

/// <summary>
/// What an embedded server is started with: the worker count of each executor, the queue capacity, and the plugin
/// folders or assemblies to load (<c>Workloads:Plugins</c>).
/// </summary>
public sealed record ServerSettings(int ThreadWorkers, int ProcessWorkers, int QueueCapacity = 10_000, IReadOnlyList<string>? Plugins = null)
{
    /// <summary>The API's configuration, as command-line arguments.</summary>
    public IEnumerable<string> Arguments() =>
    [
        $"--Executors:Threads:Workers={ThreadWorkers}",
        $"--Executors:Processes:Workers={ProcessWorkers}",
        $"--Queue:Capacity={QueueCapacity}",
        // Enough finished jobs kept for a long-poll to find its job however fast jobs finish.
        $"--Jobs:RetainFinishedJobs={Math.Max(10_000, QueueCapacity * 2)}",
        .. (Plugins ?? []).Select((path, i) => $"--Workloads:Plugins:{i}={Path.GetFullPath(path)}"),
    ];
}
