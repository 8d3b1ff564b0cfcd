using ConcurrencyService.Api.Executors;

namespace ConcurrencyService.Api.Queue;

/// <summary>The queues: one per executor, and one for experiments, each served by a Hangfire server of its own.</summary>
public static class QueueNames
{
    public const string Threads = "threads";
    public const string Processes = "processes";
    public const string Experiments = "experiments";

    public static string For(ExecutorKind executor) => executor switch
    {
        ExecutorKind.Threads => Threads,
        ExecutorKind.Processes => Processes,
        _ => throw new ArgumentOutOfRangeException(nameof(executor), executor, "No queue for this executor."),
    };
}
