using System.Net;
using System.Net.Sockets;

namespace ConcurrencyService.Tests.Shared;

/// <summary>A loopback port nothing listens on right now, for a server a test starts (the OS picks it; a race with another program is possible but rare).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
