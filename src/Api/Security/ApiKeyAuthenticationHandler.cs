using System.Security.Claims;
using System.Text.Encodings.Web;
using ConcurrencyService.Api.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Security;

/// <summary>
/// Authenticates a request by the API key in <c>X-Api-Key</c> or <c>Authorization: Bearer</c>, and answers a challenge
/// with 401, <c>WWW-Authenticate</c> and a ProblemDetails saying how to send a key. The key itself is never logged.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!validator.Enabled || ApiKeyValidator.Presented(Request) is not { } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var number = validator.Match(presented);
        if (number == 0)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not one of Auth:ApiKeys."));
        }

        // The identity names which configured key it was (its position), never the key.
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, $"api-key-{number}")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyValidator.HeaderName}\", Bearer";
        var presented = ApiKeyValidator.Presented(Request) is not null;
        await ProblemResponse.WriteAsync(
            Context,
            StatusCodes.Status401Unauthorized,
            presented ? "The API key is not valid." : "An API key is required.",
            presented
                ? $"The key sent in {ApiKeyValidator.HeaderName} or Authorization: Bearer is not one of this server's keys (Auth:ApiKeys)."
                : $"This server requires an API key on /api: send it as '{ApiKeyValidator.HeaderName}: <key>' or 'Authorization: Bearer <key>'.");
    }
}
