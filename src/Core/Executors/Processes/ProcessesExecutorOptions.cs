using System.ComponentModel.DataAnnotations;

namespace ConcurrencyService.Core.Executors.Processes;

/// <summary>The multi-process executor and its worker host. Section <c>Executors:Processes</c>.</summary>
public sealed class ProcessesExecutorOptions
{
    public const string Section = "Executors:Processes";

    /// <summary>Offer the processes executor at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// <c>Embedded</c> (default): the API starts the worker host as its child and stops it on shutdown; the host
    /// exits by itself if the API dies. <c>Connect</c>: use a host already running at <see cref="SocketPath"/>.
    /// </summary>
    public WorkerHostMode Mode { get; set; } = WorkerHostMode.Embedded;

    /// <summary>The host's Unix domain socket. Embedded default: a per-process path in the temp folder.</summary>
    public string? SocketPath { get; set; }

    /// <summary>The worker host executable or dll; found next to the API when empty.</summary>
    public string? WorkerHostPath { get; set; }

    /// <summary>Worker processes (embedded mode). Default: the processor count.</summary>
    [Range(1, 256)]
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary><c>warm</c>: long-lived workers (default); <c>spawn</c>: a fresh process for every task (embedded mode).</summary>
    [RegularExpression("^(warm|spawn)$")]
    public string PoolMode { get; set; } = "warm";

    /// <summary>Spawn mode: processes kept started ahead of tasks.</summary>
    [Range(0, 64)]
    public int SpareProcesses { get; set; } = 2;

    /// <summary>Replace a worker after this many tasks (0: never), like Celery's option of that name.</summary>
    [Range(0, int.MaxValue)]
    public int MaxTasksPerChild { get; set; }

    /// <summary>Replace a worker after a task that leaves it above this resident memory (0: never).</summary>
    [Range(0, int.MaxValue)]
    public int MaxMemoryMbPerChild { get; set; }

    /// <summary>Each worker's GC heap hard limit (0: none); an allocation past it fails that worker, not the machine.</summary>
    [Range(0, int.MaxValue)]
    public int MaxHeapMbPerChild { get; set; } = 1024;

    /// <summary>How long the host may take to start and accept a connection.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Grace period between asking the host to stop and killing its process tree.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(5);
}

public enum WorkerHostMode
{
    Embedded,
    Connect,
}
