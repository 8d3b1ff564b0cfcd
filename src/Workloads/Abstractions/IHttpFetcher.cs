namespace ConcurrencyService.Workloads;

/// <summary>Performs the GET of <c>io.http</c>. Implementations enforce the allowlist on the URL and on every redirect.</summary>
public interface IHttpFetcher
{
    /// <summary>Null when the URL is allowed; otherwise why not. Used at submission, before anything runs.</summary>
    string? CheckAllowed(Uri url);

    Task<HttpFetchOutput> GetAsync(Uri url, CancellationToken cancellationToken);
}

/// <summary>What a fetch saw: the final status code and the number of body bytes read.</summary>
public sealed record HttpFetchOutput(int StatusCode, long Bytes);
