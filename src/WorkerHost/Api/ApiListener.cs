using ConcurrencyService.WorkerHost.Hosting;
using ConcurrencyService.WorkerHost.Pool;
using ConcurrencyService.WorkerHost.Processes;
using ConcurrencyService.Workloads.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.WorkerHost.Api;

/// <summary>
/// Serves the API on a Unix domain socket: each connection gets a <see cref="HostHello"/> and may then run tasks,
/// cancel them and describe the pool. An embedded host ends when its first connection (its owner's) closes.
/// </summary>
public sealed class ApiListener(
    ApiSocket socket, IOptions<WorkerHostOptions> hostOptions, IOptions<WorkerPoolOptions> poolOptions, WorkerCommand workers, ITaskDispatcher dispatcher, HostExit exit, ILogger<ApiListener> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pool = poolOptions.Value;
        var hello = new HostHello(HostHello.CurrentVersion, Environment.ProcessId, pool.Mode, pool.Workers, workers.PluginFingerprints);
        var connections = new List<Task>();
        logger.LogInformation(
            "Worker host {Pid} listening on {SocketPath}: {Mode} pool of {Workers} worker processes{Embedded}",
            Environment.ProcessId, socket.Path, pool.Mode, pool.Workers,
            hostOptions.Value.Embedded ? $", embedded in process {hostOptions.Value.ParentProcessId}" : ", standalone");
        try
        {
            for (var first = true; ; first = false)
            {
                var connection = await socket.Socket.AcceptAsync(stoppingToken);
                connections.RemoveAll(c => c.IsCompleted);
                connections.Add(ServeAsync(new ApiConnection(connection, dispatcher, hello, logger), first, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: stop accepting, then let the open connections cancel their tasks.
        }
        finally
        {
            await Task.WhenAll(connections);
        }
    }

    private async Task ServeAsync(ApiConnection connection, bool first, CancellationToken stoppingToken)
    {
        await using (connection)
        {
            await connection.RunAsync(stoppingToken);
        }

        // The first connection of an embedded host is its owner's; once it is gone, so is the reason to run.
        if (first && hostOptions.Value.Embedded && !stoppingToken.IsCancellationRequested)
        {
            exit.Exit("its first API connection closed");
        }
    }
}
