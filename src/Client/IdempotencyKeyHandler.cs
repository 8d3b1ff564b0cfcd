namespace ConcurrencyService.Client;

/// <summary>
/// Gives each job and experiment submission an <c>Idempotency-Key</c> (a new GUID) unless the caller set one. It sits
/// outside the retry handler, so every retry of a submission carries the same key and the service can answer it with
/// the job it already made. Refit has no per-call default for a header, so this is hand-written.
/// </summary>
internal sealed class IdempotencyKeyHandler : DelegatingHandler
{
    /// <summary>The header's name.</summary>
    public const string Header = "Idempotency-Key";

    // The submissions the service deduplicates by key; relative to the client's base address.
    private static readonly string[] Submissions = ["api/jobs", "api/experiments"];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Post && IsSubmission(request.RequestUri) && !request.Headers.Contains(Header))
        {
            request.Headers.Add(Header, Guid.NewGuid().ToString());
        }

        return base.SendAsync(request, cancellationToken);
    }

    private static bool IsSubmission(Uri? uri) =>
        uri is not null && Submissions.Any(path => uri.AbsolutePath.TrimEnd('/').EndsWith("/" + path, StringComparison.Ordinal));
}
