using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ConcurrencyService.Core.Workloads;

/// <summary>
/// This server's own echo endpoints as allowlist bases, read from the addresses Kestrel actually bound (known
/// only after start, and the real port when it was 0). Wildcard bindings map to the loopback names.
/// </summary>
public sealed class SelfBaseUrls(IServer server)
{
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public IReadOnlyList<Uri> Get()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var bases = new List<Uri>();
        foreach (var address in addresses)
        {
            // Kestrel reports wildcards as http://[::]:5000, http://0.0.0.0:5000, http://+:5000 or http://*:5000.
            var normalised = address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri))
            {
                continue;
            }

            var hosts = uri.Host is "0.0.0.0" or "[::]" or "::" || uri.IsLoopback ? LoopbackHosts : [uri.Host];
            bases.AddRange(hosts.Select(h => new Uri($"{uri.Scheme}://{h}:{uri.Port}/api/echo/")));
        }

        return bases;
    }
}
