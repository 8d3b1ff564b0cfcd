using ConcurrencyService.Testing;
using Microsoft.Playwright;

namespace ConcurrencyService.Browser.Tests;

/// <summary>
/// One app and one headless Chromium for a test class. The browser is Debian's (<c>/usr/bin/chromium</c>, or
/// <c>CHROMIUM_PATH</c>): Playwright's own download needs the internet, and <c>.ci/run</c> installs the package.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    /// <summary>
    /// The real app on Kestrel — a browser cannot reach an in-memory test server — with both executors on: two thread
    /// workers and the embedded worker host with two worker processes.
    /// </summary>
    public ApiFactory Server { get; } = ApiFactory.With(new Dictionary<string, string?>
    {
        ["Executors:Processes:Enabled"] = "true",
        ["Executors:Processes:Workers"] = "2",
    });

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots land here, beside the test assembly, for CI to keep as artifacts.</summary>
    public static string ArtifactsFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"No Chromium at {ChromiumPath}: install Debian's (apt-get install chromium), as .ci/run does, or set CHROMIUM_PATH.");
        using var http = Server.CreateClient(); // starts Kestrel
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    public async Task<IPage> OpenDashboardAsync()
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        // Generous: a shared two-core machine may be busy; every wait below is for an element, never a fixed sleep.
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(new Uri(Server.BaseAddress, "/dashboard").ToString());
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}
