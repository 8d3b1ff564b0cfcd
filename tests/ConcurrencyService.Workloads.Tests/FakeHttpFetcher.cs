using System.Collections.Concurrent;

namespace ConcurrencyService.Workloads.Tests;

/// <summary>An <see cref="IHttpFetcher"/> that allows everything and answers every GET with the same status and size.</summary>
internal sealed class FakeHttpFetcher(int statusCode = 200, long bytes = 42) : IHttpFetcher
{
    public ConcurrentQueue<Uri> Requested { get; } = new();

    public string? CheckAllowed(Uri url) => null;

    public Task<HttpFetchOutput> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Requested.Enqueue(url);
        return Task.FromResult(new HttpFetchOutput(statusCode, bytes));
    }
}
