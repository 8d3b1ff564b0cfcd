using ConcurrencyService.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConcurrencyService.Api.Echo;

/// <summary><c>/api/echo</c>: a local target for <c>io.http</c>, so the tutorials' page-fetching experiment runs offline.</summary>
public static class EchoApi
{
    public const int MaxDelayMs = 60_000;

    public static RouteGroupBuilder MapEchoApi(this IEndpointRouteBuilder routes)
    {
        // Open without a key and not rate limited: it only waits, and io.http jobs fetch it from the server itself,
        // which holds no key to send and would otherwise use up its own address's allowance.
        var group = routes.MapGroup("/api/echo").WithTag("Echo", "A target for io.http jobs: answers after a delay. Open and never rate-limited.").AllowAnonymous().DisableRateLimiting();
        group.MapGet("/delay/{ms}", Delay)
            .WithName("EchoDelay")
            .WithSummary("Answer after a delay")
            .WithDescription($"Waits `ms` milliseconds (0 to {MaxDelayMs}) without holding a thread, then answers. The default `io.http` allowlist holds this endpoint.")
            .ProducesValidationProblem();
        return group;
    }

    private static async Task<Results<Ok<EchoDelayResponse>, ValidationProblem>> Delay(int ms, CancellationToken cancellationToken)
    {
        if (ms is < 0 or > MaxDelayMs)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ms"] = [$"'ms' must be from 0 to {MaxDelayMs}; got {ms}."] });
        }

        await Task.Delay(ms, cancellationToken);
        return TypedResults.Ok(new EchoDelayResponse(ms));
    }
}

public sealed record EchoDelayResponse(int DelayMs);
