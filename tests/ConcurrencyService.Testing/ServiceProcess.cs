using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.Testing;

/// <summary>
/// The API as its image runs it — <c>dotnet ConcurrencyService.Api.dll</c>, from its own folder — in a child process
/// on a loopback port the OS picks, read back from its "Now listening on" line; ready once <c>/health/ready</c>
/// answers 200. Stopped politely (SIGTERM, grace, kill the tree) unless a test kills it.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(120);

    private readonly ChildProcess _child;

    private ServiceProcess(string name, ChildProcess child, Uri baseAddress)
    {
        Name = name;
        _child = child;
        BaseAddress = baseAddress;
    }

    /// <summary>The API next to the caller: a project that references the API gets its build output in its own folder.</summary>
    public static string BuildOutputDll => Path.Combine(AppContext.BaseDirectory, "ConcurrencyService.Api.dll");

    public string Name { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => _child.ProcessId;

    /// <summary>True once the process has ended (of itself, or killed).</summary>
    public bool HasExited => _child.HasExited;

    /// <summary>Its exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _child.ExitCode;

    /// <summary>What it printed last, for failure messages.</summary>
    public string Output => _child.Output;

    /// <summary>
    /// Starts the API at <paramref name="apiDll"/> with configuration <paramref name="arguments"/> (<c>--Key=value</c>,
    /// after the defaults: log warnings only) and <paramref name="environment"/> (<c>Section:Key</c> or <c>Section__Key</c>),
    /// and waits until it is ready. A hang guard, not a timing assertion. <paramref name="wrapper"/>, when given, is a
    /// command that execs the API's command line appended to it (e.g. <c>unshare</c> to give it a mount namespace); it
    /// must exec, not fork, so that the process started is the API's.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(
        string apiDll,
        IEnumerable<string>? arguments = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        string name = "api",
        IReadOnlyList<string>? wrapper = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiDll);
        var dll = Path.GetFullPath(apiDll);
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"No API at {dll}; build the project that references it.", dll);
        }

        // The content root is the working directory: the API's appsettings.json is beside its dll.
        var start = new ProcessStartInfo(wrapper is [var program, ..] ? program : DotnetApp.Muxer()) { WorkingDirectory = Path.GetDirectoryName(dll)! };
        string[] all =
        [
            .. wrapper is null ? [] : wrapper.Skip(1).Append(DotnetApp.Muxer()),
            dll, "--urls", "http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
            .. arguments ?? [],
        ];
        foreach (var argument in all)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var child = ChildProcess.Start(start);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartLimit);
            var listening = await child.WaitForLineAsync(ListeningOn(), timeout.Token);
            var service = new ServiceProcess(name, child, new Uri(listening.Groups[1].Value));
            await service.WaitUntilReadyAsync(timeout.Token);
            return service;
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            var output = child.Output;
            await child.DisposeAsync();
            throw new InvalidOperationException($"The API '{name}' did not become ready within {StartLimit.TotalSeconds:0} s:\n{output}", ex);
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>SIGTERM, as an orchestrator stops a node; the whole tree is killed after <paramref name="grace"/>. True if it exited in time.</summary>
    public Task<bool> StopAsync(TimeSpan? grace = null) => _child.StopAsync(grace);

    /// <summary>SIGKILL to it and its worker host and workers: it gets no chance to hand anything back.</summary>
    public Task KillAsync() => _child.KillAsync();

    public ValueTask DisposeAsync() => _child.DisposeAsync();

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        while (true)
        {
            if (_child.HasExited)
            {
                throw new InvalidOperationException($"The API exited with code {_child.ExitCode}.");
            }

            using (var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken))
            {
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
