using Microsoft.Extensions.Options;

namespace ConcurrencyService.Core.Workloads;

/// <summary>
/// The base URLs <c>io.http</c> may fetch: the configured ones, plus this server's own echo endpoints when
/// <see cref="HttpWorkloadOptions.AllowSelf"/> is on. Read per call, since the bound address is known only after start.
/// </summary>
public sealed class HttpAllowlist(IOptions<HttpWorkloadOptions> options, SelfBaseUrls self)
{
    /// <summary>The whole of one fetch's limit (<see cref="HttpWorkloadOptions.Timeout"/>), for the worker processes too.</summary>
    public TimeSpan Timeout => options.Value.Timeout;

    public IReadOnlyList<Uri> Get() =>
        options.Value.AllowSelf ? [.. options.Value.AllowedBaseUrls, .. self.Get()] : [.. options.Value.AllowedBaseUrls];
}
