using Microsoft.AspNetCore.Authorization;

namespace ConcurrencyService.Api.Security;

/// <summary>Met by a request with a valid API key, or by any request when no key is configured.</summary>
public sealed class ApiKeyRequirement : AuthorizationHandler<ApiKeyRequirement>, IAuthorizationRequirement
{
    public const string PolicyName = "ApiKey";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiKeyRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.Resource as HttpContext;
        var enabled = http?.RequestServices.GetRequiredService<ApiKeyValidator>().Enabled ?? true;
        if (!enabled || context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
