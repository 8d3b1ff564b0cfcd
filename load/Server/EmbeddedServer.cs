using ConcurrencyService.Testing;

namespace ConcurrencyService.Load.Server;

/// <summary>
/// The API started from this runner's own folder as a child process, on a free loopback port. A separate process,
/// so the load generator does not share the server's thread pool. Stopped as <c>docker stop</c> would: SIGTERM,
/// a grace period, then the whole process tree is killed (the shared starter, <see cref="ServiceProcess"/>).
/// </summary>
public sealed class EmbeddedServer : IServer
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private readonly ServiceProcess _service;

    private EmbeddedServer(ServiceProcess service) => _service = service;

    public Uri BaseAddress => _service.BaseAddress;

    public bool Embedded => true;

    public int? ProcessId => _service.ProcessId;

    public static async Task<EmbeddedServer> StartAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var api = ServiceProcess.BuildOutputDll;
        if (!File.Exists(api))
        {
            throw new ServerStartException($"The API was not found at {api}; build the load project (it references the API).");
        }

        try
        {
            return new EmbeddedServer(await ServiceProcess.StartAsync(api, settings.Arguments(), cancellationToken: cancellationToken));
        }
        catch (InvalidOperationException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServerStartException(ex.Message, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _service.StopAsync(StopGrace);
        await _service.DisposeAsync();
    }
}
