using System.ComponentModel.DataAnnotations;

namespace ConcurrencyService.Core.Queue;

/// <summary>The queues (Hangfire): one per executor and one for experiments, each with its own server. Section <c>Queue</c>.</summary>
public sealed class QueueOptions
{
    public const string Section = "Queue";

    /// <summary>Jobs that may wait (queued, not yet started) per executor; past this, submissions get 429.</summary>
    [Range(1, 10_000_000)]
    public int Capacity { get; set; } = 10_000;

    /// <summary>
    /// Jobs the threads executor runs at once: the Hangfire workers of the <c>threads</c> queue. A job holds one for its
    /// whole run, even while its tasks await IO, so this is far above the thread workers: a hundred 1 s sleeps overlap,
    /// while CPU tasks still queue for the few thread workers and never oversubscribe the cores. 0 (default) means 100 in
    /// memory and 20 per node on Redis, where every idle Hangfire worker of every node wakes and polls Redis whenever a job
    /// is queued or finished (Hangfire.Redis's fetch): 100 workers on each of two nodes cost 10 ms of CPU per trivial job
    /// against 4 ms with 10 (benchmarks). On Redis, add nodes rather than workers.
    /// </summary>
    [Range(0, 1000)]
    public int ThreadsJobsAtOnce { get; set; }

    /// <summary>
    /// Whether a run of at most <paramref name="longest"/> (plus the shutdown grace) ends before Redis storage would hand its
    /// entry out again; the failure names <paramref name="setting"/>, the limit that must come down or the timeout that must go up.
    /// </summary>
    public Microsoft.Extensions.Options.ValidateOptionsResult CheckLongestRun(TimeSpan longest, string setting) =>
        longest + TimeSpan.FromSeconds(ShutdownGraceSeconds) < InvisibilityTimeout
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(
                $"{setting} ({longest}) plus Queue:ShutdownGraceSeconds must stay below Queue:InvisibilityTimeout ({InvisibilityTimeout}), " +
                "or a run still going could be handed to a second node. Raise Queue:InvisibilityTimeout.");

    /// <summary><see cref="ThreadsJobsAtOnce"/>, its default filled in for the storage.</summary>
    public int ThreadsJobsAtOnceFor(bool sharedStorage) => ThreadsJobsAtOnce > 0 ? ThreadsJobsAtOnce : sharedStorage ? 20 : 100;

    /// <summary>
    /// Jobs the processes executor runs at once (the <c>processes</c> queue's Hangfire workers). 0 means twice the worker
    /// processes: every process busy, and the next task already waiting in the host when one finishes.
    /// </summary>
    [Range(0, 1000)]
    public int ProcessesJobsAtOnce { get; set; }

    /// <summary>How long Hangfire keeps a finished entry (its dashboard's history). The service's own job records follow <c>Jobs:RetainFinishedFor</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan RetainFinishedFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The <c>Retry-After</c> a 429 carries, in seconds.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>
    /// On shutdown, how long running jobs may go on before they are cancelled (and end failed with code
    /// <c>shutdown</c>). Without it a shutdown would wait for the longest job.
    /// </summary>
    [Range(0, 3600)]
    public int ShutdownGraceSeconds { get; set; } = 5;

    /// <summary>
    /// How often a Hangfire server checks whether a running job was deleted elsewhere (the dashboard, another node).
    /// A <c>DELETE</c> on the node running the job stops it at once, without waiting for this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan CancellationCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Redis storage: how long a fetched entry may stay unfinished before Hangfire hands it out again. Redis storage does not
    /// renew it while a job runs, so it must be longer than any run (<c>Jobs:MaxTimeoutMs</c> and <c>Experiments:MaxRunTime</c>
    /// plus the shutdown grace; checked at start), or a live job would run twice.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "30.00:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromHours(2);
}
