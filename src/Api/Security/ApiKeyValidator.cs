using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Security;

/// <summary>
/// Checks a presented API key against <c>Auth:ApiKeys</c>. Keys are held only as SHA-256 hashes and compared in constant
/// time against every configured key, so neither the comparison's time nor a memory dump gives a key away.
/// </summary>
public sealed class ApiKeyValidator
{
    public const string HeaderName = "X-Api-Key";

    private readonly byte[][] _hashes;

    public ApiKeyValidator(IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hashes = [.. options.Value.ApiKeys.Select(Hash)];
    }

    /// <summary>Whether any key is configured; without one, nothing is checked.</summary>
    public bool Enabled => _hashes.Length > 0;

    /// <summary>The 1-based number of the configured key this is, or 0 when it matches none. Takes the same time either way.</summary>
    public int Match(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return 0;
        }

        var hash = Hash(presented);
        var match = 0;
        for (var i = 0; i < _hashes.Length; i++)
        {
            // No early exit: every key is compared whatever matched before.
            if (CryptographicOperations.FixedTimeEquals(hash, _hashes[i]) && match == 0)
            {
                match = i + 1;
            }
        }

        return match;
    }

    /// <summary>The key a request carries in <c>X-Api-Key</c> or <c>Authorization: Bearer</c>; null if it carries none.</summary>
    public static string? Presented(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers[HeaderName] is [{ Length: > 0 } key])
        {
            return key;
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
