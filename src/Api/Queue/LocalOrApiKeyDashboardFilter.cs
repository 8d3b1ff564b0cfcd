using ConcurrencyService.Api.Security;
using ConcurrencyService.Core.Queue;
using Hangfire.Dashboard;

namespace ConcurrencyService.Api.Queue;

/// <summary>
/// Who may open Hangfire's dashboard: local clients, as Hangfire ships it, and remote ones with a configured API key
/// (<c>X-Api-Key</c>, Bearer, or a Basic password, so a browser can ask for it).
/// </summary>
public sealed class LocalOrApiKeyDashboardFilter(LocalOrApiKey check) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        if (check.IsAllowed(http))
        {
            return true;
        }

        // Hangfire's 401 carries no challenge; without one a browser would not ask for the key.
        http.Response.Headers.WWWAuthenticate = LocalOrApiKey.BasicChallenge;
        return false;
    }
}
