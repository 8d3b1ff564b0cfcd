namespace ConcurrencyService.Client;

/// <summary>How the client retries and waits. Bind or configure it through <see cref="ServiceCollectionExtensions.AddConcurrencyServiceClient"/>.</summary>
public sealed class ConcurrencyServiceClientOptions
{
    /// <summary>Retries after the first attempt. 0 turns retrying off. Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first back-off delay when the server gives no <c>Retry-After</c>; it doubles each retry, with jitter. Default 200 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The longest <c>Retry-After</c> the client waits for. A server asking for more is answered with the error
    /// (a <see cref="ConcurrencyServiceException"/> carrying <see cref="ConcurrencyServiceException.RetryAfter"/>),
    /// so a caller is never blocked for minutes without knowing why. Default 30 s.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The timeout of one call, its retries included, and of a long-poll: keep it above the longest wait you ask for
    /// (<see cref="ConcurrencyServiceApiExtensions.DefaultLongPoll"/> in the waiting helpers). Default 100 s.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The key for a server that requires one (its <c>Auth:ApiKeys</c>), sent as <c>X-Api-Key</c> on every request.
    /// Null (the default) sends none.
    /// </summary>
    public string? ApiKey { get; set; }
}
