namespace ConcurrencyService.Api.Security;

/// <summary>
/// What counts as this service's own site. Section <c>CrossSite</c>. The local-only endpoints (the dashboards,
/// <c>/metrics</c>) trust a local client only when it names the service by a loopback name (<c>localhost</c>,
/// <c>127.0.0.1</c>, <c>[::1]</c>) or one of <see cref="LocalHosts"/>: a page on another site whose name was rebound to
/// 127.0.0.1 sends its own name. A state-changing request a browser sends from another origin is refused, unless that
/// origin is one of <see cref="TrustedOrigins"/>.
/// </summary>
public sealed class CrossSiteOptions
{
    public const string Section = "CrossSite";

    /// <summary>More host names (no port) a local client may use for the local-only endpoints, e.g. the machine's own name.</summary>
    public IList<string> LocalHosts { get; } = [];

    /// <summary>More origins (<c>https://host[:port]</c>) whose pages may change state here, e.g. the public address of a reverse proxy in front of the service.</summary>
    public IList<string> TrustedOrigins { get; } = [];
}
