using System.ComponentModel.DataAnnotations;

namespace ConcurrencyService.Api.Queue;

/// <summary>The job queues, one per executor. Section <c>Queue</c>.</summary>
public sealed class QueueOptions
{
    public const string Section = "Queue";

    /// <summary>Jobs that may wait (queued, not yet started) per executor; past this, submissions get 429.</summary>
    [Range(1, 10_000_000)]
    public int Capacity { get; set; } = 10_000;

    /// <summary>
    /// Jobs one instance takes off a queue at once. Taken jobs wait for a worker in the executor; IO jobs
    /// overlap on few threads, so this is far above the worker count.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxJobsInFlight { get; set; } = 10_000;

    /// <summary>The <c>Retry-After</c> a 429 carries, in seconds.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>
    /// On shutdown, how long running jobs may go on before they are cancelled (and end failed with code
    /// <c>shutdown</c>). Without it a shutdown would wait for the longest job, up to the host's own stop timeout.
    /// </summary>
    [Range(0, 3600)]
    public int ShutdownGraceSeconds { get; set; } = 5;

    public static string QueueName(Jobs.ExecutorKind executor) => $"jobs-{executor.ToString().ToLowerInvariant()}";
}
