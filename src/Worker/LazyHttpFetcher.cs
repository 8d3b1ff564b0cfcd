using ConcurrencyService.Workloads;

namespace ConcurrencyService.Worker;

/// <summary>
/// Builds the real fetcher on first use: creating an HttpClient costs a worker ~10 ms of start-up, and most workers
/// never run <c>io.http</c>.
/// </summary>
public sealed class LazyHttpFetcher(Func<IHttpFetcher> create) : IHttpFetcher
{
    private readonly Lazy<IHttpFetcher> _fetcher = new(create);

    public string? CheckAllowed(Uri url) => _fetcher.Value.CheckAllowed(url);

    public Task<HttpFetchOutput> GetAsync(Uri url, CancellationToken cancellationToken) => _fetcher.Value.GetAsync(url, cancellationToken);
}
