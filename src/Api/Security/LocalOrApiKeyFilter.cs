namespace ConcurrencyService.Api.Security;

/// <summary>
/// An endpoint filter for a dashboard endpoint (<c>/dashboard</c>): <see cref="LocalOrApiKey"/> or a 401 ProblemDetails
/// that makes a browser ask for the key (as the password) and tells a script which header to send.
/// </summary>
public sealed class LocalOrApiKeyFilter(LocalOrApiKey check, ApiKeyValidator validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (check.IsAllowed(context.HttpContext))
        {
            return await next(context);
        }

        if (!validator.Enabled)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "The dashboard is local-only.",
                detail: "Open it from the server's own machine, or configure Auth:ApiKeys and send a key.");
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = LocalOrApiKey.BasicChallenge;
        return TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "An API key is required.",
            detail: $"From another machine the dashboard needs a key: send '{ApiKeyValidator.HeaderName}: <key>', or give the key as the password when the browser asks.");
    }
}
