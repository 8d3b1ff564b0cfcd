using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ConcurrencyService.Load.Server;

/// <summary>
/// The API started from this runner's own folder as a child process, on a free loopback port. A separate process,
/// so the load generator does not share the server's thread pool. Stopped as <c>docker stop</c> would: SIGTERM,
/// a grace period, then the whole process tree is killed.
/// </summary>
public sealed partial class EmbeddedServer : IServer
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly ServerOutput _output;

    private EmbeddedServer(Process process, ServerOutput output, Uri baseAddress)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public bool Embedded => true;

    public int? ProcessId => _process.Id;

    public static async Task<EmbeddedServer> StartAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var process = Process.Start(StartInfo(settings)) ?? throw new InvalidOperationException("The API process did not start.");
        var output = new ServerOutput(process);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            var address = await output.WaitForLineAsync(ListeningOn(), timeout.Token);
            var server = new EmbeddedServer(process, output, new Uri(address.Groups[1].Value));
            await server.WaitUntilReadyAsync(timeout.Token);
            return server;
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            await StopAsync(process);
            throw new ServerStartException($"The API did not become ready within {StartTimeout.TotalSeconds:0} s.\n{output.Tail()}", ex);
        }
        catch
        {
            await StopAsync(process);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(_process);
        _output.Dispose();
    }

    private static ProcessStartInfo StartInfo(ServerSettings settings)
    {
        var folder = AppContext.BaseDirectory;
        var api = Path.Combine(folder, "ConcurrencyService.Api.dll");
        if (!File.Exists(api))
        {
            throw new ServerStartException($"The API was not found at {api}; build the load project (it references the API).");
        }

        // The content root is the working directory: the API's appsettings.json is copied next to it.
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments =
        [
            api,
            "--urls", "http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
            .. settings.Arguments(),
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var driver = Running.ServiceSession.CreateDriver(http);
        while (!await driver.IsReadyAsync(cancellationToken))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with code {_process.ExitCode}.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            // SIGTERM: the API stops its worker host and removes its socket. .NET can't send signals but kill(1) can.
            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
        }
        else
        {
            process.Kill(entireProcessTree: true);
        }

        using var grace = new CancellationTokenSource(StopGrace);
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    // The muxer running us when started as `dotnet load.dll`; otherwise the SDK's (dotnet run, dotnet test), or the PATH's.
    private static string DotnetHost() =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
