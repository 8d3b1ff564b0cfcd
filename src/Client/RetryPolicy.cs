using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ConcurrencyService.Client;

/// <summary>
/// What the client retries, as options for Microsoft.Extensions.Http.Resilience's retry strategy. 429 and 503 mean the
/// server did not take the request, so any request is retried, after the server's <c>Retry-After</c> (the library
/// reads it) unless that is longer than <see cref="ConcurrencyServiceClientOptions.MaxRetryAfter"/>. Network failures,
/// 408, 502 and 504 leave unknown whether the server acted, so only a request that can be repeated is retried: an
/// idempotent method (GET, HEAD, OPTIONS, PUT, DELETE), or a POST carrying an <c>Idempotency-Key</c>.
/// </summary>
/// <remarks>
/// The library's own predicates cannot say this: <c>DisableForUnsafeHttpMethods</c> would stop a POST's 429 retry too,
/// and none of them caps <c>Retry-After</c> or looks at the idempotency key.
/// </remarks>
internal static class RetryPolicy
{
    public static HttpRetryStrategyOptions Options(ConcurrencyServiceClientOptions settings) => new()
    {
        MaxRetryAttempts = settings.MaxRetryAttempts,
        Delay = settings.RetryDelay,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        ShouldRetryAfterHeader = true,
        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage(), settings.MaxRetryAfter)),
    };

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, TimeSpan maxRetryAfter)
    {
        if (outcome.Result is { } response)
        {
            return response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable =>
                    RetryAfterHeader.Wait(response.Headers.RetryAfter) is not { } wait || wait <= maxRetryAfter,
                HttpStatusCode.RequestTimeout or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => CanRepeat(request),
                _ => false,
            };
        }

        return outcome.Exception is HttpRequestException && CanRepeat(request);
    }

    private static bool CanRepeat(HttpRequestMessage? request) =>
        request is not null
        && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options
            || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete
            || request.Headers.Contains(IdempotencyKeyHandler.Header));
}
