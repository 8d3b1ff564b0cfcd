using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ConcurrencyService.Api.Security;

public static class SecurityExtensions
{
    /// <summary>API keys (<c>Auth</c>), the <c>ApiKey</c> policy, the dashboards' local-or-key check, and per-client rate limiting.</summary>
    public static IServiceCollection AddApiSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CrossSiteOptions>().Bind(configuration.GetSection(CrossSiteOptions.Section)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<CrossSiteOptions>, CrossSiteOptionsValidator>();
        // Hangfire's dashboard checks its own antiforgery token on its POSTs (delete, requeue) once antiforgery is registered.
        services.AddAntiforgery();
        services.AddSingleton<ApiKeyValidator>();
        services.AddSingleton<LocalOrApiKey>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyRequirement.PolicyName, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).AddRequirements(new ApiKeyRequirement()));
        services.AddClientRateLimiting(configuration);
        return services;
    }

    /// <summary>Refuses state-changing requests from other sites' pages (<see cref="CrossSiteRequestGuard"/>); before any endpoint, the dashboards' included.</summary>
    public static WebApplication UseCrossSiteGuard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<CrossSiteRequestGuard>();
        return app;
    }

    /// <summary>Authentication, then the rate limiter (so a valid key is the client it counts), then authorization.</summary>
    public static WebApplication UseApiSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.Lifetime.ApplicationStarted.Register(() => WarnIfOpen(app));
        return app;
    }

    /// <summary>The root of every <c>/api</c> group: the key policy and the rate limit applied once.</summary>
    public static RouteGroupBuilder MapApi(this IEndpointRouteBuilder routes) =>
        routes.MapGroup(string.Empty)
            .RequireAuthorization(ApiKeyRequirement.PolicyName)
            .RequireRateLimiting(ClientRateLimiting.PolicyName);

    /// <summary>Local clients, or remote ones with a key (see <see cref="LocalOrApiKey"/>), for a dashboard endpoint or group.</summary>
    public static TBuilder RequireLocalOrApiKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, LocalOrApiKeyFilter>();

    private static void WarnIfOpen(WebApplication app)
    {
        if (app.Services.GetRequiredService<ApiKeyValidator>().Enabled)
        {
            return;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses.Where(a => !IsLoopback(a)))
        {
            app.Logger.LogWarning(
                "Listening on {Address} with no API key: anyone who can reach it can run work here. Set Auth:ApiKeys (e.g. Auth__ApiKeys__0) to require a key.",
                address);
        }
    }

    internal static bool IsLoopback(string address)
    {
        // Kestrel's wildcards (+, *, 0.0.0.0, [::]) are not valid URI hosts in every form: read the host by hand.
        var host = address.Split("://", 2) is [_, var rest] ? rest : address;
        host = host.StartsWith('[') ? host[1..host.IndexOf(']', StringComparison.Ordinal)] : host.Split(':', 2)[0].Split('/', 2)[0];
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
