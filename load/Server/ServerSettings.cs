namespace ConcurrencyService.Load.Server;

/// <summary>What an embedded server is started with: the worker count of each executor and the queue capacity.</summary>
public sealed record ServerSettings(int ThreadWorkers, int ProcessWorkers, int QueueCapacity = 10_000)
{
    /// <summary>The API's configuration, as command-line arguments.</summary>
    public IEnumerable<string> Arguments() =>
    [
        $"--Executors:Threads:Workers={ThreadWorkers}",
        $"--Executors:Processes:Workers={ProcessWorkers}",
        $"--Queue:Capacity={QueueCapacity}",
        // Enough finished jobs kept for a long-poll to find its job however fast jobs finish.
        $"--Jobs:RetainFinishedJobs={Math.Max(10_000, QueueCapacity * 2)}",
    ];
}
