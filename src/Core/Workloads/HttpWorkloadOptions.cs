using System.ComponentModel.DataAnnotations;

namespace ConcurrencyService.Core.Workloads;

/// <summary>Where <c>io.http</c> may fetch from. Section <c>Workloads:Http</c>.</summary>
public sealed class HttpWorkloadOptions
{
    public const string Section = "Workloads:Http";

    /// <summary>Base URLs a fetch may start with, e.g. <c>http://localhost:8080/api/</c>. Empty by default.</summary>
    public IList<Uri> AllowedBaseUrls { get; } = [];

    /// <summary>Allow this server's own <c>/api/echo/</c> endpoints on its loopback addresses (default true).</summary>
    public bool AllowSelf { get; set; } = true;

    /// <summary>The longest one fetch may take, redirects, headers and body together, on both executors.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);
}
