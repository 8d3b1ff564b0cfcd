using System.ComponentModel.DataAnnotations;

namespace ConcurrencyService.Api.Hosting;

/// <summary>
/// How long a URL and how large the headers and a body may be. Section <c>RequestLimits</c>. The service answers past
/// these with a ProblemDetails naming the limit; Kestrel's own limits are set to <see cref="HardLimitFactor"/> times these
/// and past those Kestrel closes the request with an empty 414/431/413 before any of the service's code runs.
/// </summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "RequestLimits";

    /// <summary>Kestrel's limits are this many times the service's, so the band between is answered with a ProblemDetails.</summary>
    public const int HardLimitFactor = 4;

    /// <summary>The longest request target (path and query) in bytes.</summary>
    [Range(256, 1024 * 1024)]
    public int MaxUrlBytes { get; set; } = 8 * 1024;

    /// <summary>The most bytes of request headers, names and values together.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxHeaderBytes { get; set; } = 32 * 1024;

    /// <summary>The largest body on any request; a submission's own limit (Jobs:MaxRequestBytes) is smaller.</summary>
    [Range(1024, 1024 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
}
