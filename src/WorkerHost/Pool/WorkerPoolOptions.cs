using System.ComponentModel.DataAnnotations;

namespace ConcurrencyService.WorkerHost.Pool;

/// <summary>The worker processes: how many, how they live and die. Section <c>Pool</c>.</summary>
public sealed class WorkerPoolOptions : IValidatableObject
{
    public const string SectionName = "Pool";
    public const string WarmMode = "warm";
    public const string SpawnMode = "spawn";

    /// <summary>Worker processes, each running one task at a time.</summary>
    [Range(1, 256)]
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary><c>warm</c>: long-lived processes started up front; <c>spawn</c>: a fresh process for every task.</summary>
    [Required]
    [RegularExpression("^(warm|spawn)$", ErrorMessage = "Pool:Mode must be 'warm' or 'spawn'.")]
    public string Mode { get; set; } = WarmMode;

    /// <summary>Spawn mode: processes started ahead and kept ready, so a task does not wait for a process to boot.</summary>
    [Range(0, 64)]
    public int SpareProcesses { get; set; } = 2;

    /// <summary>Replace a worker after this many tasks; 0 = never.</summary>
    [Range(0, int.MaxValue)]
    public int MaxTasksPerChild { get; set; }

    /// <summary>Replace a worker whose resident memory exceeds this after a task; 0 = never.</summary>
    [Range(0, 1_048_576)]
    public int MaxMemoryMbPerChild { get; set; }

    /// <summary>Each worker's GC heap hard limit (DOTNET_GCHeapHardLimit); 0 = none. A runaway allocation then fails in that worker only.</summary>
    [Range(0, 1_048_576)]
    public int MaxHeapMbPerChild { get; set; } = 1024;

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan WorkerStartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first delay after a worker fails at start; it doubles per consecutive failure up to <see cref="RestartBackoffMax"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RestartBackoffInitial { get; set; } = TimeSpan.FromMilliseconds(100);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RestartBackoffMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a worker whose input was closed may take to exit before its process tree is killed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Base URLs <c>io.http</c> may fetch, passed to each worker as <c>--http-allow</c>.</summary>
    public IList<string> HttpAllowlist { get; } = [];

    /// <summary>The whole of one <c>io.http</c> fetch's limit, passed to each worker as <c>--http-timeout</c> (the API's <c>Workloads:Http:Timeout</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Plugin assemblies (full paths) each worker loads, passed as <c>--plugin</c> with the hash of the build this host
    /// saw. With any, the pool starts the framework-dependent worker instead of the lean one.
    /// </summary>
    public IList<string> Plugins { get; } = [];

    public bool IsSpawn => Mode == SpawnMode;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RestartBackoffMax < RestartBackoffInitial)
        {
            yield return new ValidationResult("Pool:RestartBackoffMax must not be less than Pool:RestartBackoffInitial.", [nameof(RestartBackoffMax)]);
        }

        foreach (var url in HttpAllowlist)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                yield return new ValidationResult($"Pool:HttpAllowlist entry '{url}' is not an absolute http(s) URL.", [nameof(HttpAllowlist)]);
            }
        }

        foreach (var plugin in Plugins)
        {
            if (!Path.IsPathFullyQualified(plugin) || !File.Exists(plugin))
            {
                yield return new ValidationResult($"Pool:Plugins entry '{plugin}' is not the full path of an existing file.", [nameof(Plugins)]);
            }
        }
    }
}
