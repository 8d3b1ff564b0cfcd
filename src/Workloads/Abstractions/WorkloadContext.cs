namespace ConcurrencyService.Workloads;

/// <summary>What a running piece may use from its host: the HTTP fetcher (with its allowlist) and a scratch folder.</summary>
public sealed class WorkloadContext(IHttpFetcher http, string tempDirectory)
{
    public IHttpFetcher Http { get; } = http ?? throw new ArgumentNullException(nameof(http));

    public string TempDirectory { get; } = tempDirectory ?? throw new ArgumentNullException(nameof(tempDirectory));
}
