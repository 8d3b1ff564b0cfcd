using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using ConcurrencyService.Api.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Security;

/// <summary>The <c>PerClient</c> rate-limit policy and its 429: <c>Retry-After</c> and a complete ProblemDetails.</summary>
public static class ClientRateLimiting
{
    public const string PolicyName = "PerClient";

    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(PolicyName, Partition);
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        var remote = http.Connection.RemoteIpAddress;
        if (!options.Enabled || (!options.LimitLoopback && (remote is null || IPAddress.IsLoopback(remote))))
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        // A valid key is the client (the authentication middleware has run); otherwise its address is.
        var client = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? $"key:{name}" : $"ip:{remote}";
        return RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.BurstLimit,
            TokensPerPeriod = options.PermitsPerPeriod,
            ReplenishmentPeriod = options.Period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Period;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ProblemResponse.WriteAsync(
            http,
            StatusCodes.Status429TooManyRequests,
            "Too many requests.",
            $"This client has sent more than {options.PermitsPerPeriod} requests per {options.Period.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s " +
                $"(bursts up to {options.BurstLimit}; {RateLimitingOptions.Section}:PermitsPerPeriod, :BurstLimit). Retry after {seconds} s.");
    }
}
