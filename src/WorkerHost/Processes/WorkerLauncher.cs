using System.ComponentModel;
using System.Diagnostics;
using ConcurrencyService.WorkerHost.Pool;
using ConcurrencyService.Workloads.Timing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.WorkerHost.Processes;

/// <summary>Starts a worker from the <see cref="WorkerCommand"/> and returns it once it has said it is ready.</summary>
public sealed class WorkerLauncher(WorkerCommand command, IOptions<WorkerPoolOptions> options, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("ConcurrencyService.WorkerHost.Workers");

    /// <summary>Throws <see cref="WorkerStartException"/> when the process cannot start, dies first, or is not ready in time (then it is killed).</summary>
    public async Task<WorkerProcess> StartAsync(string name, CancellationToken cancellationToken)
    {
        var started = MonotonicClock.Timestamp;
        var startInfo = command.CreateStartInfo();
        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new WorkerStartException($"'{startInfo.FileName}' did not start.");
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            throw new WorkerStartException($"could not start '{startInfo.FileName}': {ex.Message}", ex);
        }

        var worker = new WorkerProcess(process, name, _logger);
        var timeout = options.Value.WorkerStartTimeout;
        try
        {
            await worker.Ready.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            worker.Dispose();
            throw new WorkerStartException($"pid {worker.ProcessId} did not report ready within {timeout.TotalSeconds:0.#} s and was killed");
        }
        catch
        {
            worker.Dispose();
            throw;
        }

        _logger.LogInformation(
            "{Worker} ready: pid {Pid}, task thread {ThreadId}, in {Ms:0} ms", name, worker.ProcessId, worker.ThreadId, MonotonicClock.Since(started).TotalMilliseconds);
        return worker;
    }
}
