using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Security;

/// <summary>
/// Who may open a dashboard (<c>/hangfire</c>, <c>/dashboard</c>): a local client always; a remote one only with a
/// valid API key, and never when no key is configured. Browsers cannot set <c>X-Api-Key</c>, so the key is also taken as
/// the password of HTTP Basic authentication (any user name), which a browser prompts for after a 401 with
/// <c>WWW-Authenticate: Basic</c>. Plain on purpose, with no Hangfire types: Hangfire's <c>DashboardOptions.Authorization</c>
/// takes a one-line filter that calls <see cref="IsAllowed"/>.
/// <para>
/// A local client must also name the service as a local one (<see cref="IsLocalHost"/>): under DNS rebinding a page of
/// another site reaches 127.0.0.1 from the browser, but its requests carry that site's name in <c>Host</c>.
/// </para>
/// </summary>
public sealed class LocalOrApiKey(ApiKeyValidator validator, IOptions<CrossSiteOptions>? crossSite = null)
{
    public const string BasicChallenge = "Basic realm=\"ConcurrencyService\", charset=\"UTF-8\"";

    public bool IsAllowed(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsLocal(context.Connection) && IsLocalHost(context))
        {
            return true;
        }

        return validator.Enabled && validator.Match(ApiKeyValidator.Presented(context.Request) ?? BasicPassword(context.Request)) > 0;
    }

    /// <summary>Loopback, or the same address as the server's end (a request from the machine itself); an in-memory test server has neither address.</summary>
    public static bool IsLocal(ConnectionInfo connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var remote = connection.RemoteIpAddress;
        return remote is null ? connection.LocalIpAddress is null : IPAddress.IsLoopback(remote) || remote.Equals(connection.LocalIpAddress);
    }

    /// <summary>
    /// The <c>Host</c> a local client used names this machine: a loopback name or address, the address the client connected
    /// to, or one of <see cref="CrossSiteOptions.LocalHosts"/>. No <c>Host</c> at all (HTTP/1.0, never a browser) passes.
    /// </summary>
    public bool IsLocalHost(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.Request.Host.Host;
        if (string.IsNullOrEmpty(host) || host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return IPAddress.IsLoopback(address) || address.Equals(context.Connection.LocalIpAddress);
        }

        return crossSite?.Value.LocalHosts.Any(h => h.Equals(host, StringComparison.OrdinalIgnoreCase)) == true;
    }

    private static string? BasicPassword(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
