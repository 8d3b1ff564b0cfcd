using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Security;

/// <summary>Checks <see cref="CrossSiteOptions"/> at start-up: host names without scheme or port, origins as <c>scheme://host[:port]</c>.</summary>
public sealed class CrossSiteOptionsValidator : IValidateOptions<CrossSiteOptions>
{
    public ValidateOptionsResult Validate(string? name, CrossSiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        for (var i = 0; i < options.LocalHosts.Count; i++)
        {
            if (Uri.CheckHostName(options.LocalHosts[i]) == UriHostNameType.Unknown)
            {
                errors.Add($"{CrossSiteOptions.Section}:LocalHosts:{i} ('{options.LocalHosts[i]}') must be a host name or address, with no scheme or port.");
            }
        }

        for (var i = 0; i < options.TrustedOrigins.Count; i++)
        {
            if (!Uri.TryCreate(options.TrustedOrigins[i], UriKind.Absolute, out var origin) || origin.Scheme is not ("http" or "https") || origin.PathAndQuery != "/")
            {
                errors.Add($"{CrossSiteOptions.Section}:TrustedOrigins:{i} ('{options.TrustedOrigins[i]}') must be an origin: http(s)://host[:port], with no path.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
