using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace ConcurrencyService.Client.Tests;

/// <summary>One HTTP attempt: method, path, status (null when the network failed), body and Idempotency-Key sent, and when it was answered.</summary>
public sealed record Attempt(HttpMethod Method, string Path, HttpStatusCode? Status, string? Body, string? IdempotencyKey, TimeSpan At);

/// <summary>The attempts a client made, in order, and a signal for the first answer with a given status.</summary>
public sealed class AttemptLog
{
    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private readonly ConcurrentDictionary<HttpStatusCode, TaskCompletionSource> _seen = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public IReadOnlyList<Attempt> All => [.. _attempts];

    public IReadOnlyList<Attempt> Of(HttpMethod method) => [.. _attempts.Where(a => a.Method == method)];

    /// <summary>Completes when an answer with this status has been recorded.</summary>
    public Task Seen(HttpStatusCode status) => Signal(status).Task;

    internal void Add(HttpRequestMessage request, HttpStatusCode? status, string? body)
    {
        var key = request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null;
        _attempts.Enqueue(new Attempt(request.Method, request.RequestUri!.AbsolutePath, status, body, key, _clock.Elapsed));
        if (status is { } s)
        {
            Signal(s).TrySetResult();
        }
    }

    private TaskCompletionSource Signal(HttpStatusCode status) =>
        _seen.GetOrAdd(status, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>Sits inside the client's retry handler, so it sees each attempt that goes to the network.</summary>
internal sealed class RecordingHandler(AttemptLog log) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            log.Add(request, response.StatusCode, body);
            return response;
        }
        catch (HttpRequestException)
        {
            log.Add(request, null, body);
            throw;
        }
    }
}
