using System.ComponentModel.DataAnnotations;

namespace ConcurrencyService.Core.Workloads;

/// <summary>Where <c>io.file</c> writes, and how much it may. Section <c>Workloads:File</c>.</summary>
public sealed class FileWorkloadOptions
{
    public const string Section = "Workloads:File";

    /// <summary>
    /// The folder under which each running service keeps a scratch folder of its own (<see cref="ScratchFolder"/>); by
    /// default <c>concurrencyservice-scratch</c> in the system's temp folder.
    /// </summary>
    public string ScratchRoot { get; set; } = Path.Combine(Path.GetTempPath(), "concurrencyservice-scratch");

    /// <summary>The most one job may write at once: <c>bytes</c> × <c>tasks</c> (4 GiB by default).</summary>
    [Range(1L, long.MaxValue)]
    public long MaxBytesPerJob { get; set; } = 4L << 30;

    /// <summary>A job is refused when writing all of it would leave the scratch folder's disk with less free than this (1 GiB by default).</summary>
    [Range(0L, long.MaxValue)]
    public long MinFreeBytes { get; set; } = 1L << 30;
}
