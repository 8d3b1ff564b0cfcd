using System.Net.Sockets;
using ConcurrencyService.WorkerHost.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.WorkerHost.Api;

/// <summary>
/// The listening socket, bound when the host starts and before any worker is: a host that cannot have its socket
/// (another host owns it, bad path) fails at once with a non-zero exit instead of starting workers nobody can reach.
/// Registered first, it is stopped last, when the file is deleted.
/// </summary>
public sealed class ApiSocket(IOptions<WorkerHostOptions> options) : IHostedService, IDisposable
{
    private Socket? _socket;

    public string Path => options.Value.SocketPath;

    public Socket Socket => _socket ?? throw new InvalidOperationException("The API socket is not bound yet.");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _socket = UnixSocketServer.Listen(Path);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        UnixSocketServer.Delete(Path);
        return Task.CompletedTask;
    }

    public void Dispose() => _socket?.Dispose();
}
