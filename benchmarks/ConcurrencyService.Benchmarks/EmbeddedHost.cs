using System.Diagnostics;
using ConcurrencyService.Core.Executors.Processes;

namespace ConcurrencyService.Benchmarks;

/// <summary>A worker host started for one benchmark, exactly as the API starts its embedded one, and its connection.</summary>
public sealed class EmbeddedHost : IAsyncDisposable
{
    private readonly Process _process;

    private EmbeddedHost(Process process, WorkerHostConnection connection)
    {
        _process = process;
        Connection = connection;
    }

    public WorkerHostConnection Connection { get; }

    public int ProcessId => _process.Id;

    /// <param name="plugins">Plugin assemblies for the workers: with any, the pool runs the plugin-capable worker.</param>
    public static async Task<EmbeddedHost> StartAsync(int workers, string mode = "warm", int spares = 0, IReadOnlyList<string>? plugins = null)
    {
        var socket = Path.Combine(Path.GetTempPath(), $"cs-bench-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}.sock");
        var options = new ProcessesExecutorOptions { Workers = workers, PoolMode = mode, SpareProcesses = spares };
        var start = WorkerHostCommand.Create(options, socket, faultWorkloads: false, httpAllowlist: [], httpTimeout: TimeSpan.FromSeconds(100), plugins ?? []);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                var connection = await WorkerHostConnection.ConnectAsync(socket, CancellationToken.None);
                var host = new EmbeddedHost(process, connection);
                await host.WaitForWorkersAsync(workers, mode);
                return host;
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync(); // an embedded host exits when its API connection closes
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    // Warm pools start their workers at start-up; measure only once all are idle.
    private async Task WaitForWorkersAsync(int workers, string mode)
    {
        if (mode != "warm")
        {
            return;
        }

        while ((await Connection.DescribeAsync(CancellationToken.None)).Workers.Count(w => w.State == "idle") < workers)
        {
            await Task.Delay(50);
        }
    }
}
