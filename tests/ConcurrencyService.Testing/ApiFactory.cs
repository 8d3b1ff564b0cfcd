using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ConcurrencyService.Testing;

/// <summary>
/// The real app on Kestrel on a free loopback port (so <c>io.http</c> and a browser can reach it), with test settings on
/// top of appsettings.json. Each factory is its own server with its own workers, queue and store.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private Action<IWebHostBuilder>? _configure;

    public ApiFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    private ApiFactory(IDictionary<string, string?> settings)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Executors:Threads:Workers"] = "2",
            // Most tests exercise the thread executor; those that need the worker host turn it on.
            ["Executors:Processes:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }

        // Kestrel on a free loopback port, chosen by Kestrel itself (port 0) through the app's own URL setting. Not
        // UseKestrel(0): with it the factory rewrites the server's addresses after the app has started binding, which
        // races Kestrel and fails now and then with "Addresses cannot be modified after the server has started"
        // (dotnet/aspnetcore, the WebApplicationFactory Kestrel port race).
        UseKestrel();
        _settings[WebHostDefaults.ServerUrlsKey] = "http://127.0.0.1:0";
    }

    /// <summary>Where Kestrel listens, e.g. <c>http://127.0.0.1:41234</c>; starts the server.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    /// <summary>A server with these settings on top of the test defaults.</summary>
    public static ApiFactory With(IDictionary<string, string?> settings) => new(settings);

    /// <summary>A server with these settings and a further change to its host (e.g. a startup filter).</summary>
    public static ApiFactory With(IDictionary<string, string?> settings, Action<IWebHostBuilder> configure) => new(settings) { _configure = configure };

    /// <summary>A client for the Kestrel server with a generous timeout (long-polls wait up to a minute).</summary>
    public HttpClient CreateApiClient()
    {
        var client = CreateClient();
        client.Timeout = TimeSpan.FromMinutes(2);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        _configure?.Invoke(builder);
    }
}
