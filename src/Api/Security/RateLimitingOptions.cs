using System.ComponentModel.DataAnnotations;

namespace ConcurrencyService.Api.Security;

/// <summary>
/// Per-client rate limiting of <c>/api</c>: a token bucket per API key (or per remote address without one). Section
/// <c>RateLimiting</c>. Loopback clients are not limited unless <see cref="LimitLoopback"/> is set: on a developer's
/// machine and in the load runner, the queue's own 429 is the back-pressure that matters.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Whether clients on 127.0.0.1 / ::1 are limited too.</summary>
    public bool LimitLoopback { get; set; }

    /// <summary>The burst a client may send at once: the bucket's size.</summary>
    [Range(1, 1_000_000)]
    public int BurstLimit { get; set; } = 200;

    /// <summary>Requests a client may send per <see cref="Period"/>, sustained.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerPeriod { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);
}
