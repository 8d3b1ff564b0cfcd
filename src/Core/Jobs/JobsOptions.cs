using System.ComponentModel.DataAnnotations;

namespace ConcurrencyService.Core.Jobs;

/// <summary>Limits and defaults for jobs. Section <c>Jobs</c>.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Run-time limit for a job that names none.</summary>
    [Range(1, int.MaxValue)]
    public int DefaultTimeoutMs { get; set; } = 300_000;

    /// <summary>The largest <c>timeoutMs</c> a request may ask for.</summary>
    [Range(1, int.MaxValue)]
    public int MaxTimeoutMs { get; set; } = 3_600_000;

    /// <summary>The largest fan-out a request may ask for.</summary>
    [Range(1, 4096)]
    public int MaxTasks { get; set; } = 256;

    /// <summary>The longest long-poll (<c>waitMs</c>) a request may ask for.</summary>
    [Range(0, 600_000)]
    public int MaxWaitMs { get; set; } = 60_000;

    /// <summary>
    /// How many finished jobs to keep at most, whatever their age; the oldest go first. Far above what the queues hold
    /// (<c>Queue:Capacity</c> per executor), so that under a flood a job is not removed before its client reads it. A
    /// finished trivial job takes about 1–2 KB.
    /// </summary>
    [Range(0, 10_000_000)]
    public int RetainFinishedJobs { get; set; } = 200_000;

    /// <summary>How many ids of removed jobs are remembered, so that reading one answers 410 Gone rather than 404 (about 40 bytes each).</summary>
    [Range(0, 100_000_000)]
    public int RememberRemovedJobs { get; set; } = 1_000_000;

    /// <summary>How long to keep a finished job.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan RetainFinishedFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often retention runs (it also runs whenever the count limit is passed).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest submission body accepted, in bytes.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 64 * 1024;
}
