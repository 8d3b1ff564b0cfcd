using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ConcurrencyService.Browser.Tests;

/// <summary>
/// The real app on Kestrel on a free loopback port — a browser cannot reach an in-memory test server — with both
/// executors on: two thread workers and the embedded worker host with two worker processes.
/// </summary>
public sealed class DashboardServer : WebApplicationFactory<Program>
{
    public DashboardServer() => UseKestrel(0);

    /// <summary>Where the browser goes, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Executors:Threads:Workers", "2");
        builder.UseSetting("Executors:Processes:Enabled", "true");
        builder.UseSetting("Executors:Processes:Workers", "2");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}
