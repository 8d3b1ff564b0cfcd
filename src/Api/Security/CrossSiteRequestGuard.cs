using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Security;

/// <summary>
/// Refuses state-changing requests (anything but GET, HEAD, OPTIONS, TRACE) that a browser sent on behalf of another
/// site: <c>Sec-Fetch-Site</c> <c>cross-site</c> or <c>same-site</c> (another port of localhost is the same site, not the
/// same origin), or an <c>Origin</c> other than the service's own or a trusted one. Clients that are not browsers send
/// neither header and pass. On <c>/api</c> and <c>/dashboard</c>, the content types a page can post without asking first
/// (a form, or <c>text/plain</c>) are refused too (415), so an old browser without those headers cannot start work either.
/// Hangfire's dashboard posts forms from its own pages; it checks its own antiforgery token besides.
/// </summary>
public sealed class CrossSiteRequestGuard(RequestDelegate next, IOptions<CrossSiteOptions> options)
{
    private static readonly string[] FormTypes = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            await next(context);
            return;
        }

        if (CrossSiteReason(request) is { } reason)
        {
            await Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Cross-site request refused.",
                detail: $"{reason} A page of another site may not change anything here; call the API from a script or server (no Origin), or add the origin to CrossSite:TrustedOrigins.")
                .ExecuteAsync(context);
            return;
        }

        if ((request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/dashboard"))
            && request.ContentType is { } type && FormTypes.Any(f => type.StartsWith(f, StringComparison.OrdinalIgnoreCase)))
        {
            await Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Form posts are not accepted.",
                detail: $"{request.Method} {request.Path} takes no form ('{type}'): send Content-Type: application/json, or no body.")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private string? CrossSiteReason(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite is "cross-site" or "same-site")
        {
            return $"The browser marked it Sec-Fetch-Site: {fetchSite}.";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || SameOrigin(origin, request) || options.Value.TrustedOrigins.Any(t => string.Equals(t.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return $"It came from the page of origin '{origin}', not '{request.Scheme}://{request.Host}'.";
    }

    /// <summary>Same host and port as the request's own; the scheme is left out, since a TLS proxy in front makes the request plain http.</summary>
    private static bool SameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && HostString.FromUriComponent(uri).Value is { } authority
        && (string.Equals(authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            || string.Equals(uri.IsDefaultPort ? uri.IdnHost : authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
}
