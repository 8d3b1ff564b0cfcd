using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConcurrencyService.WorkerHost.Tests.Infrastructure;

/// <summary>An HTTP server on 127.0.0.1 that answers every GET with 200 "hello", for <c>io.http</c> run by workers.</summary>
public sealed class TinyHttpServer : IAsyncDisposable
{
    private static readonly byte[] Body = Encoding.ASCII.GetBytes("hello");

    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public TinyHttpServer()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
        }

        _listener.Prefixes.Add(BaseAddress.AbsoluteUri);
        _listener.Start();
        _loop = ServeAsync();
    }

    public Uri BaseAddress { get; }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }

    private async Task ServeAsync()
    {
        try
        {
            while (true)
            {
                var context = await _listener.GetContextAsync();
                context.Response.ContentLength64 = Body.Length;
                await context.Response.OutputStream.WriteAsync(Body);
                context.Response.Close();
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
