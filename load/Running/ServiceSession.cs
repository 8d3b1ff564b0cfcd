using ConcurrencyService.Load.Driver;
using ConcurrencyService.Load.Server;

namespace ConcurrencyService.Load.Running;

/// <summary>The server under test (started here or already running), an HTTP client for it, and the driver over that client.</summary>
public sealed class ServiceSession : IAsyncDisposable
{
    private ServiceSession(IServer server, HttpClient http, IReadOnlyList<ExecutorWorkers> executors)
    {
        Server = server;
        Http = http;
        Driver = CreateDriver(http);
        Executors = executors;
    }

    public IServer Server { get; }

    public HttpClient Http { get; }

    public IServiceDriver Driver { get; }

    /// <summary>The executors as the server describes them at the start.</summary>
    public IReadOnlyList<ExecutorWorkers> Executors { get; }

    /// <summary>Uses the server at <paramref name="target"/>, or starts one with <paramref name="settings"/> when it is null.</summary>
    public static async Task<ServiceSession> OpenAsync(Uri? target, ServerSettings settings, CancellationToken cancellationToken)
    {
        IServer server = target is null ? await EmbeddedServer.StartAsync(settings, cancellationToken) : new RemoteServer(target);
        var http = CreateClient(server.BaseAddress);
        try
        {
            var driver = CreateDriver(http);
            if (!await driver.IsReadyAsync(cancellationToken))
            {
                throw new ServerStartException($"{server.BaseAddress} is not ready: GET /health/ready did not answer 200.");
            }

            return new ServiceSession(server, http, await driver.GetExecutorsAsync(cancellationToken));
        }
        catch
        {
            http.Dispose();
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The one place that picks the driver implementation.</summary>
    public static IServiceDriver CreateDriver(HttpClient http) => new SdkServiceDriver(http);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    // Iterations have their own timeout; long-polls hold a connection each, so the pool must not cap them.
    private static HttpClient CreateClient(Uri baseAddress) => new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue })
    {
        BaseAddress = baseAddress,
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
