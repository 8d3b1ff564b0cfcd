using System.ComponentModel.DataAnnotations;

namespace ConcurrencyService.WorkerHost.Hosting;

/// <summary>Where the host listens and who it belongs to. Section <c>WorkerHost</c>.</summary>
public sealed class WorkerHostOptions
{
    public const string SectionName = "WorkerHost";

    /// <summary>The Unix domain socket the API connects to. Linux limits socket paths to 107 bytes.</summary>
    [Required]
    [MaxLength(100)]
    public string SocketPath { get; set; } = Path.Combine(Path.GetTempPath(), "concurrencyservice-workerhost.sock");

    /// <summary>
    /// The API process that started this host (embedded mode), or 0 when standalone. An embedded host exits when that
    /// process is gone or when its first connection closes; a standalone host runs until stopped.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int ParentProcessId { get; set; }

    public bool Embedded => ParentProcessId > 0;
}
