using System.ComponentModel.DataAnnotations;

namespace ConcurrencyService.Api.Executors.Threads;

/// <summary>The in-process thread executor. Section <c>Executors:Threads</c>.</summary>
public sealed class ThreadsExecutorOptions
{
    public const string Section = "Executors:Threads";

    /// <summary>Dedicated worker threads; CPU work runs in parallel up to this many. Default: the processor count.</summary>
    [Range(1, 1024)]
    public int Workers { get; set; } = Environment.ProcessorCount;
}
