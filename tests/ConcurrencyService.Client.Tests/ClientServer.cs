using System.Net;
using ConcurrencyService.Client;
using ConcurrencyService.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ConcurrencyService.Client.Tests;

/// <summary>
/// The real API on Kestrel and the SDK registered the way a user registers it, through
/// <see cref="ServiceCollectionExtensions.AddConcurrencyServiceClient"/>, with a handler inside the retry handler that
/// records every attempt that reaches the network.
/// </summary>
public sealed class ClientServer : IAsyncDisposable
{
    private readonly ApiFactory _factory;
    private readonly ServiceProvider _services;

    private ClientServer(ApiFactory factory, Uri address, Action<ConcurrencyServiceClientOptions>? configure)
    {
        _factory = factory;
        Address = address;
        _services = Register(address, configure, Attempts);
        Client = _services.GetRequiredService<IConcurrencyServiceApi>();
    }

    public Uri Address { get; }

    public IConcurrencyServiceApi Client { get; }

    /// <summary>Every HTTP attempt the client made, retries included, with the status it got (null for a network failure).</summary>
    public AttemptLog Attempts { get; } = new();

    /// <summary>Starts a server with these settings on top of the test defaults (2 thread workers, no worker host).</summary>
    public static ClientServer Start(IDictionary<string, string?>? settings = null, Action<ConcurrencyServiceClientOptions>? configure = null)
    {
        var factory = ApiFactory.With(settings ?? new Dictionary<string, string?>());
        using var http = factory.CreateClient();
        return new ClientServer(factory, http.BaseAddress!, configure);
    }

    /// <summary>A client for an address where nothing listens, to see what it does when the network fails.</summary>
    public static (IConcurrencyServiceApi Client, AttemptLog Attempts, ServiceProvider Services) ForClosedPort(Action<ConcurrencyServiceClientOptions>? configure = null, string basePath = "")
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var attempts = new AttemptLog();
        var provider = Register(new Uri($"http://127.0.0.1:{port}{basePath}"), configure, attempts);
        return (provider.GetRequiredService<IConcurrencyServiceApi>(), attempts, provider);
    }

    // As a user registers the client, plus a recorder inside the retry handler.
    private static ServiceProvider Register(Uri address, Action<ConcurrencyServiceClientOptions>? configure, AttemptLog attempts)
    {
        var services = new ServiceCollection();
        services.AddConcurrencyServiceClient(address, configure).AddHttpMessageHandler(() => new RecordingHandler(attempts));
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _factory.DisposeAsync();
    }
}
