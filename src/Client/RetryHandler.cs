using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace ConcurrencyService.Client;

/// <summary>
/// Retries what is safe to retry. 429 and 503 mean the server did not take the request, so any request is retried,
/// after the server's <c>Retry-After</c> when it gives one. Network failures and 502/504 leave unknown whether the
/// server acted, so only idempotent requests (GET, DELETE, …) are retried; a job submission is not, since a blind
/// retry could queue the job twice.
/// </summary>
internal sealed class RetryHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("ConcurrencyService.Request");

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeSpan _maxRetryAfter;

    public RetryHandler(IOptions<ConcurrencyServiceClientOptions> options)
    {
        var settings = options.Value;
        _maxRetryAfter = settings.MaxRetryAfter;
        _pipeline = settings.MaxRetryAttempts == 0
            ? ResiliencePipeline<HttpResponseMessage>.Empty
            : new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = settings.MaxRetryAttempts,
                    Delay = settings.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.Properties.GetValue(RequestKey, null!))),
                    DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                    OnRetry = args =>
                    {
                        // The answer being retried is dropped; free its connection.
                        args.Outcome.Result?.Dispose();
                        return ValueTask.CompletedTask;
                    },
                })
                .Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    try
                    {
                        return Outcome.FromResult(await state.Send(state.Request, ctx.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        return Outcome.FromException<HttpResponseMessage>(exception);
                    }
                },
                context,
                (Request: request, Send: (Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>)base.SendAsync)).ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage request)
    {
        if (outcome.Result is { } response)
        {
            return response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable => RetryAfter(response) is not { } wait || wait <= _maxRetryAfter,
                HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout or HttpStatusCode.RequestTimeout => IsIdempotent(request.Method),
                _ => false,
            };
        }

        return outcome.Exception is HttpRequestException && IsIdempotent(request.Method);
    }

    private static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options
        || method == HttpMethod.Put || method == HttpMethod.Delete;

    /// <summary>The server's <c>Retry-After</c>, or null to use the back-off.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response) => Wait(response?.Headers.RetryAfter);

    /// <summary>How long a <c>Retry-After</c> (seconds or a date) says to wait, never negative; null when there is none.</summary>
    internal static TimeSpan? Wait(RetryConditionHeaderValue? header)
    {
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return wait is { } w ? (w < TimeSpan.Zero ? TimeSpan.Zero : w) : null;
    }
}
