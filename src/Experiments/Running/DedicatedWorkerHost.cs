using ConcurrencyService.Core.Executors.Processes;
using ConcurrencyService.Workloads.Catalog.Diagnostics;
using ConcurrencyService.Workloads.Protocol;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Experiments.Running;

/// <summary>
/// A worker host of the experiment's own, started and supervised exactly as the API's embedded one (same supervisor,
/// same command line, same executor), so experiments and regular jobs never share worker processes. Ready once every
/// warm worker is up; stopped, with its whole process tree, on dispose.
/// </summary>
public sealed class DedicatedWorkerHost : IAsyncDisposable
{
    private static readonly string[] Live = ["idle", "busy"];
    private readonly WorkerHostSupervisor _supervisor;

    private DedicatedWorkerHost(WorkerHostSupervisor supervisor, ProcessesExecutorOptions options)
    {
        _supervisor = supervisor;
        HostOptions = options;
        Executor = new ProcessesExecutor(supervisor, Options.Create(options));
    }

    public ProcessesExecutor Executor { get; }

    public ProcessesExecutorOptions HostOptions { get; }

    /// <param name="settings">The API's processes settings, for the host's path, heap limit and timeouts.</param>
    public static async Task<DedicatedWorkerHost> StartAsync(
        DedicatedHostSettings settings, string poolMode, int workers, bool faultWorkloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var shared = settings.Processes;
        var options = new ProcessesExecutorOptions
        {
            Mode = WorkerHostMode.Embedded,
            WorkerHostPath = shared.WorkerHostPath,
            Workers = workers,
            PoolMode = poolMode,
            SpareProcesses = 0, // spawn mode: every task pays for its process start, which is what it is there to show
            MaxHeapMbPerChild = shared.MaxHeapMbPerChild,
            StartTimeout = shared.StartTimeout,
            StopGracePeriod = shared.StopGracePeriod,
        };
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new(DiagnosticWorkloads.ConfigurationKey, faultWorkloads ? "true" : "false")])
            .Build();
        var supervisor = new WorkerHostSupervisor(
            Options.Create(options), configuration, settings.Lifetime, settings.HttpAllowlist, settings.Plugins, settings.Logger, settings.Scratch);
        var host = new DedicatedWorkerHost(supervisor, options);
        try
        {
            await supervisor.StartAsync(cancellationToken);
            await host.WaitUntilReadyAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public Task<PoolState> DescribeAsync(CancellationToken cancellationToken) => _supervisor.DescribePoolAsync(cancellationToken);

    /// <summary>Waits until every warm worker slot has a live process (after start, or after a crash); spawn pools start none ahead.</summary>
    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(HostOptions.StartTimeout);
        try
        {
            while (true)
            {
                if (_supervisor.IsConnected)
                {
                    var pool = await _supervisor.DescribePoolAsync(deadline.Token);
                    if (pool.Mode == "spawn" || pool.Workers.Count(w => Live.Contains(w.State)) == pool.PoolSize)
                    {
                        return;
                    }
                }

                await Task.Delay(25, deadline.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw new ExperimentFailedException(
                "workerHostUnavailable",
                $"The experiment's worker host ({HostOptions.PoolMode}, {HostOptions.Workers} workers) was not ready within {HostOptions.StartTimeout}: {_supervisor.Problem ?? ex.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _supervisor.StopAsync(CancellationToken.None);
        _supervisor.Dispose();
    }
}

/// <summary>
/// What every dedicated host takes from the API: its processes settings and the services its supervisor needs, the
/// service's scratch folder among them, so an experiment's <c>io.file</c> tasks write where the service sweeps.
/// </summary>
public sealed record DedicatedHostSettings(
    ProcessesExecutorOptions Processes,
    IHostApplicationLifetime Lifetime,
    Core.Workloads.HttpAllowlist HttpAllowlist,
    Core.Workloads.WorkloadPlugins Plugins,
    ILogger<WorkerHostSupervisor> Logger,
    Core.Workloads.ScratchFolder? Scratch = null);
