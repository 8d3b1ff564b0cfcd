using System.Diagnostics;
using ConcurrencyService.Core.Workloads;
using ConcurrencyService.Workloads.Catalog.Diagnostics;
using ConcurrencyService.Workloads.Protocol;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Core.Executors.Processes;

/// <summary>
/// Keeps a live connection to the worker host. Embedded: starts the host as a child once the API is listening
/// (the host's <c>io.http</c> allowlist needs the API's bound address), restarts it with backoff if it dies, and on
/// shutdown closes the connection (the host then exits), waits a grace period and kills the whole tree.
/// Connect: (re)connects to a host someone else runs.
/// </summary>
public sealed class WorkerHostSupervisor(
    IOptions<ProcessesExecutorOptions> options,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    HttpAllowlist httpAllowlist,
    WorkloadPlugins plugins,
    ILogger<WorkerHostSupervisor> logger,
    ScratchFolder? scratch = null) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private TaskCompletionSource<WorkerHostConnection> _ready = NewReady();

    /// <summary>Why the host is not connected, when it is not.</summary>
    public string? Problem { get; private set; } = "The worker host is starting.";

    public bool IsConnected => _ready.Task.IsCompletedSuccessfully;

    public string SocketPath { get; } = options.Value.SocketPath
        ?? (options.Value.Mode == WorkerHostMode.Embedded
            ? Path.Combine(Path.GetTempPath(), $"concurrencyservice-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}.sock")
            : throw new OptionsValidationException(ProcessesExecutorOptions.Section, typeof(ProcessesExecutorOptions), [$"{ProcessesExecutorOptions.Section}:SocketPath is required in Connect mode."]));

    public Task<WorkerHostConnection> GetConnectionAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    /// <summary>The pool as the host describes it. Throws <see cref="IOException"/> or <see cref="TimeoutException"/> when it can't answer.</summary>
    public async Task<PoolState> DescribePoolAsync(CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(cancellationToken);
        return await connection.DescribeAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WhenStarted(stoppingToken);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            Process? host = null;
            WorkerHostConnection? connection = null;
            try
            {
                host = options.Value.Mode == WorkerHostMode.Embedded ? StartHost() : null;
                connection = await ConnectAsync(host, stoppingToken);
                CheckSamePlugins(connection.Hello);
                logger.LogInformation(
                    "Worker host {HostPid} connected on {Socket}: {Mode} pool of {PoolSize} worker processes",
                    connection.Hello.ProcessId, SocketPath, connection.Hello.Mode, connection.Hello.PoolSize);
                Problem = null;
                failures = 0;
                _ready.TrySetResult(connection);
                var exited = host?.WaitForExitAsync(stoppingToken) ?? Task.Delay(Timeout.Infinite, stoppingToken);
                var lost = await Task.WhenAny(connection.Closed, exited);
                Problem = lost == connection.Closed ? $"Lost the worker host: {connection.Closed.Result}."
                    : host is { HasExited: true } ? $"The worker host exited with code {host.ExitCode}."
                    : "The worker host is stopping."; // the wait for its exit was cancelled: we are shutting down
                if (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("{Problem} Restarting it.", Problem);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down.
            }
            // Any failure to start or connect is reported and retried with backoff.
            catch (Exception ex)
            {
                failures++;
                Problem = $"The worker host could not be started or reached ({failures} attempts in a row): {ex.Message}";
                logger.LogError(ex, "Worker host start or connect failed");
            }
            finally
            {
                if (_ready.Task.IsCompleted)
                {
                    _ready = NewReady();
                }

                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }

                await StopHostAsync(host);
            }

            if (failures > 0 && !stoppingToken.IsCancellationRequested)
            {
                var backoff = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, failures - 1)));
                await Task.Delay(backoff, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private static TaskCompletionSource<WorkerHostConnection> NewReady() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task WhenStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    private Process StartHost()
    {
        var faults = configuration.GetValue<bool>(DiagnosticWorkloads.ConfigurationKey);
        var start = WorkerHostCommand.Create(options.Value, SocketPath, faults, httpAllowlist.Get(), httpAllowlist.Timeout, plugins.Loaded.Select(p => p.Path), scratch?.Path);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        process.OutputDataReceived += (_, e) => Forward(process, e.Data, LogLevel.Information);
        process.ErrorDataReceived += (_, e) => Forward(process, e.Data, LogLevel.Warning);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        logger.LogInformation("Started worker host {HostPid}: {File} {Arguments}", process.Id, start.FileName, string.Join(' ', start.ArgumentList));
        return process;
    }

    /// <summary>
    /// A host whose workers would load other builds of the plugins (or other plugins) would answer with another code's
    /// results under a plugin's name: refused, and the processes executor stays unavailable naming the plugin.
    /// </summary>
    private void CheckSamePlugins(HostHello hello)
    {
        var here = plugins.Fingerprints;
        if (here.SequenceEqual(hello.Plugins, StringComparer.Ordinal))
        {
            return;
        }

        var differing = here.Except(hello.Plugins, StringComparer.Ordinal).Concat(hello.Plugins.Except(here, StringComparer.Ordinal))
            .Select(f => f.Split('=')[0]).Distinct(StringComparer.Ordinal);
        throw new InvalidOperationException(
            $"The worker host runs other plugin builds than this API: {string.Join(", ", differing)} (API: [{string.Join(", ", here)}]; host: [{string.Join(", ", hello.Plugins)}]).");
    }

    private void Forward(Process process, string? line, LogLevel level)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            logger.Log(level, "[worker host {HostPid}] {Line}", process.Id, line);
        }
    }

    // The host needs a moment to bind its socket; retry until it answers, it dies, or the start timeout passes.
    private async Task<WorkerHostConnection> ConnectAsync(Process? host, CancellationToken stoppingToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(options.Value.StartTimeout);
        while (true)
        {
            if (host is { HasExited: true })
            {
                throw new InvalidOperationException($"The worker host exited with code {host.ExitCode} before accepting a connection.");
            }

            try
            {
                return await WorkerHostConnection.ConnectAsync(SocketPath, deadline.Token);
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException && !deadline.IsCancellationRequested)
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The worker host did not accept a connection on {SocketPath} within {options.Value.StartTimeout}.");
            }
        }
    }

    private async Task StopHostAsync(Process? host)
    {
        if (host is null)
        {
            return;
        }

        using (host)
        {
            // Closing our connection already told an embedded host to exit; give it the grace period, then kill the tree.
            using var grace = new CancellationTokenSource(options.Value.StopGracePeriod);
            try
            {
                await host.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                logger.LogWarning("Worker host {HostPid} did not exit within {Grace}; killing its process tree", host.Id, options.Value.StopGracePeriod);
                host.Kill(entireProcessTree: true);
                await host.WaitForExitAsync(CancellationToken.None);
            }
        }

        // A host that was killed could not remove its socket file; the path is ours alone, so remove it.
        File.Delete(SocketPath);
    }
}
