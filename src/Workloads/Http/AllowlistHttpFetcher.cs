using System.Net;

namespace ConcurrencyService.Workloads.Http;

/// <summary>
/// The <see cref="IHttpFetcher"/> for <c>io.http</c>: fetches only URLs under an allowed base URL, and follows redirects
/// itself so that every hop is checked. The <paramref name="client"/>'s handler must not follow redirects on its own
/// (<c>AllowAutoRedirect = false</c>, as <see cref="CreateHandler"/> sets), or a redirect could leave the allowlist unseen.
/// The allowed bases come from a function because a host learns its own bound address only after it starts.
/// <paramref name="timeout"/> bounds the whole fetch — every redirect, the headers and the body — so a server that drips
/// its body cannot hold a task (or, on processes, a whole worker) until the job's own timeout.
/// </summary>
/// <remarks>
/// A URL is allowed when its scheme, host (ignoring case) and port equal a base's and its path lies under the base's
/// path on a segment boundary: base <c>/api/echo</c> or <c>/api/echo/</c> allows <c>/api/echo/delay/5</c> but not
/// <c>/api/echoX</c>. URLs with user information or with dot segments (even percent-encoded) are refused.
/// </remarks>
public sealed class AllowlistHttpFetcher(HttpClient client, Func<IReadOnlyList<Uri>> allowedBases, TimeSpan? timeout = null) : IHttpFetcher
{
    /// <summary>The whole fetch's limit when none is given (<c>Workloads:Http:Timeout</c>'s default).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

    private readonly TimeSpan _timeout = timeout ?? DefaultTimeout;

    public const int MaxRedirects = 5;

    public const long MaxBodyBytes = 64L * 1024 * 1024;

    private const int ChunkSize = 64 * 1024;

    private readonly HttpClient _client = client ?? throw new ArgumentNullException(nameof(client));

    private readonly Func<IReadOnlyList<Uri>> _allowedBases = allowedBases ?? throw new ArgumentNullException(nameof(allowedBases));

    /// <summary>A handler fit for this fetcher: no automatic redirects, and pooled connections renewed every two minutes so DNS changes are seen.</summary>
    public static HttpMessageHandler CreateHandler() => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    };

    public string? CheckAllowed(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return $"'{url}' is not an absolute URL.";
        }

        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            return $"'{url}' is not an http or https URL.";
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return "URLs with user information (user:password@) are not allowed.";
        }

        if (HasDotSegment(url.AbsolutePath))
        {
            return $"'{url.AbsoluteUri}' has '.' or '..' path segments.";
        }

        var bases = _allowedBases() ?? [];
        if (bases.Any(b => IsUnder(url, b)))
        {
            return null;
        }

        return bases.Count == 0
            ? $"'{url.AbsoluteUri}' is not allowed: no URLs are allowed."
            : $"'{url.AbsoluteUri}' is not under an allowed base URL. Allowed: {string.Join(", ", bases.Select(b => b.AbsoluteUri))}.";
    }

    public async Task<HttpFetchOutput> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            return await FetchAsync(url, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"Fetching '{url.AbsoluteUri}' took longer than the {_timeout.TotalSeconds:0.###} s allowed (Workloads:Http:Timeout), headers and body together.");
        }
    }

    private async Task<HttpFetchOutput> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        var current = url;
        for (var redirects = 0; ; redirects++)
        {
            if (CheckAllowed(current) is { } reason)
            {
                throw new HttpRequestException(redirects == 0 ? $"Refused to fetch: {reason}" : $"Refused to follow a redirect: {reason}");
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (IsRedirect(response.StatusCode) && response.Headers.TryGetValues("Location", out var locations))
            {
                if (redirects == MaxRedirects)
                {
                    throw new HttpRequestException($"Refused to follow more than {MaxRedirects} redirects, starting from '{url.AbsoluteUri}'.");
                }

                var location = locations.FirstOrDefault()?.Trim();
                if (string.IsNullOrEmpty(location) || !Uri.TryCreate(current, location, out var next))
                {
                    throw new HttpRequestException($"'{current.AbsoluteUri}' redirected to an invalid location '{location}'.");
                }

                current = next;
                continue;
            }

            var bytes = await CountBodyAsync(response, current, cancellationToken);
            return new HttpFetchOutput((int)response.StatusCode, bytes);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is
        HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
        or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static bool IsUnder(Uri url, Uri allowedBase)
    {
        if (!allowedBase.IsAbsoluteUri
            || !string.Equals(url.Scheme, allowedBase.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(url.Host, allowedBase.Host, StringComparison.OrdinalIgnoreCase)
            || url.Port != allowedBase.Port)
        {
            return false;
        }

        var basePath = allowedBase.AbsolutePath;
        var path = url.AbsolutePath;
        if (basePath.EndsWith('/'))
        {
            return path.StartsWith(basePath, StringComparison.Ordinal);
        }

        return path == basePath || path.StartsWith(basePath + "/", StringComparison.Ordinal);
    }

    /// <summary>Uri removes literal dot segments itself; this also catches percent-encoded ones (<c>%2e%2e</c>) that a server may decode.</summary>
    private static bool HasDotSegment(string escapedPath) =>
        Uri.UnescapeDataString(escapedPath).Split('/', '\\').Any(s => s is "." or "..");

    private static async Task<long> CountBodyAsync(HttpResponseMessage response, Uri url, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxBodyBytes)
        {
            throw new HttpRequestException(TooLarge(url));
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[ChunkSize];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > MaxBodyBytes)
            {
                throw new HttpRequestException(TooLarge(url));
            }
        }

        return total;
    }

    private static string TooLarge(Uri url) =>
        $"The response from '{url.AbsoluteUri}' is larger than the {MaxBodyBytes / (1024 * 1024)} MiB allowed.";
}
