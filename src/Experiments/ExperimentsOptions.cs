using System.ComponentModel.DataAnnotations;
using ConcurrencyService.Experiments.Presets;

namespace ConcurrencyService.Experiments;

/// <summary>Limits of experiments and their queue. Section <c>Experiments</c>.</summary>
public sealed class ExperimentsOptions : IValidatableObject
{
    public const string Section = "Experiments";

    /// <summary>Experiments that may wait behind the running one; past this, submissions get 429. A claims run queues every preset at once.</summary>
    [Range(1, 1000)]
    public int QueueCapacity { get; set; } = 16;

    /// <summary>The largest worker count a cell may ask for.</summary>
    [Range(1, 256)]
    public int MaxWorkers { get; set; } = 64;

    [Range(1, 100)]
    public int MaxRepetitions { get; set; } = 20;

    /// <summary>The most runs one experiment may ask for: repetitions × (1 sequential + executors × worker counts).</summary>
    [Range(1, 10_000)]
    public int MaxRuns { get; set; } = 200;

    /// <summary>An experiment still running after this long is stopped and fails.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxRunTime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How many finished experiments (and claims runs) to keep; the oldest go first.</summary>
    [Range(0, 100_000)]
    public int RetainFinished { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan RetainFinishedFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The <c>Retry-After</c> a 429 carries, in seconds.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (QueueCapacity < ExperimentPresets.All.Count)
        {
            yield return new ValidationResult(
                $"{Section}:QueueCapacity must be at least {ExperimentPresets.All.Count}: a claims run queues every preset at once.", [nameof(QueueCapacity)]);
        }
    }
}
