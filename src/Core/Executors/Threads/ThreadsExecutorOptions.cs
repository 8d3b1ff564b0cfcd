using System.ComponentModel.DataAnnotations;

namespace ConcurrencyService.Core.Executors.Threads;

/// <summary>The in-process thread executor. Section <c>Executors:Threads</c>.</summary>
public sealed class ThreadsExecutorOptions
{
    public const string Section = "Executors:Threads";

    /// <summary>Dedicated worker threads; CPU work runs in parallel up to this many. Default: the processor count.</summary>
    [Range(1, 1024)]
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// How long a cancelled task may take to stop by itself before its thread is abandoned (left to finish, no longer
    /// counted as a worker) and replaced. Workloads check for cancellation every few milliseconds, so only code that
    /// ignores it ever reaches this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan CancelGrace { get; set; } = TimeSpan.FromMilliseconds(100);
}
