using ConcurrencyService.Core.Executors;

namespace ConcurrencyService.Core.Queue;

/// <summary>The queues: one per executor, and one for experiments, each served by a Hangfire server of its own.</summary>
public static class QueueNames
{
    public const string Threads = "threads";
    public const string Processes = "processes";
    public const string Experiments = "experiments";

    /// <summary>
    /// A node's own experiments queue, for shared storage: an experiment runs on the node that accepted it, which holds its
    /// plan and measures its own machine. Hangfire's queue names allow lowercase letters, digits, '_' and '-'.
    /// </summary>
    public static string ExperimentsOf(string node) => $"{Experiments}-{node.Replace('.', '_')}";

    public static string For(ExecutorKind executor) => executor switch
    {
        ExecutorKind.Threads => Threads,
        ExecutorKind.Processes => Processes,
        _ => throw new ArgumentOutOfRangeException(nameof(executor), executor, "No queue for this executor."),
    };
}
