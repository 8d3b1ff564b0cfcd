using ConcurrencyService.Load.Driver;
using ConcurrencyService.Load.Server;

namespace ConcurrencyService.Load.Running;

/// <summary>
/// The servers under test — one started here, or one or more already running (<c>--target</c>, several for a cluster of
/// nodes) — each with an HTTP client and a driver over it.
/// </summary>
public sealed class ServiceSession : IAsyncDisposable
{
    private readonly IReadOnlyList<IServer> _servers;

    private ServiceSession(IReadOnlyList<IServer> servers, ServiceNodes nodes, IReadOnlyList<ExecutorWorkers> executors)
    {
        _servers = servers;
        Nodes = nodes;
        Executors = executors;
    }

    public ServiceNodes Nodes { get; }

    /// <summary>The server this runner started; null when it drives running ones.</summary>
    public IServer? Embedded => _servers is [{ Embedded: true } embedded] ? embedded : null;

    /// <summary>Where the run goes, for the console: the URL, or the URLs joined.</summary>
    public string Describe() => string.Join(", ", _servers.Select(s => s.BaseAddress));

    /// <summary>The executors as the servers describe them at the start; over several nodes, their workers summed.</summary>
    public IReadOnlyList<ExecutorWorkers> Executors { get; }

    /// <summary>Uses the servers at <paramref name="targets"/>, or starts one with <paramref name="settings"/> when there are none.</summary>
    public static async Task<ServiceSession> OpenAsync(IReadOnlyList<Uri> targets, ServerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        IReadOnlyList<IServer> servers = targets.Count == 0
            ? [await EmbeddedServer.StartAsync(settings, cancellationToken)]
            : [.. targets.Select(t => new RemoteServer(t))];
        var nodes = new List<ServiceNode>();
        try
        {
            var described = new List<IReadOnlyList<ExecutorWorkers>>();
            foreach (var server in servers)
            {
                var http = CreateClient(server.BaseAddress);
                var node = new ServiceNode(server.BaseAddress.ToString().TrimEnd('/'), http, CreateDriver(http));
                nodes.Add(node);
                if (!await node.Driver.IsReadyAsync(cancellationToken))
                {
                    throw new ServerStartException($"{server.BaseAddress} is not ready: GET /health/ready did not answer 200.");
                }

                described.Add(await node.Driver.GetExecutorsAsync(cancellationToken));
            }

            return new ServiceSession(servers, new ServiceNodes(nodes), Sum(described));
        }
        catch
        {
            await DisposeAsync(servers, nodes);
            throw;
        }
    }

    /// <summary>The one place that picks the driver implementation.</summary>
    public static IServiceDriver CreateDriver(HttpClient http) => new SdkServiceDriver(http);

    public async ValueTask DisposeAsync() => await DisposeAsync(_servers, Nodes.All);

    private static async ValueTask DisposeAsync(IEnumerable<IServer> servers, IEnumerable<ServiceNode> nodes)
    {
        foreach (var node in nodes)
        {
            node.Http.Dispose();
        }

        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }
    }

    private static IReadOnlyList<ExecutorWorkers> Sum(List<IReadOnlyList<ExecutorWorkers>> perNode) =>
        perNode.Count == 1
            ? perNode[0]
            : [.. perNode.SelectMany(n => n).GroupBy(e => e.Name).Select(g => new ExecutorWorkers(g.Key, g.Any(e => e.Available), g.Sum(e => e.Available ? e.Workers : 0)))];

    // Iterations have their own timeout; long-polls hold a connection each, so the pool must not cap them.
    private static HttpClient CreateClient(Uri baseAddress) => new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue })
    {
        BaseAddress = baseAddress,
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
