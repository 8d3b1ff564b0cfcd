using ConcurrencyService.WorkerHost.Pool;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConcurrencyService.WorkerHost.Hosting;

/// <summary>
/// Ends an embedded host whose owner is gone. Workers are killed first, not stopped politely: nobody is left to
/// receive their results, and the host must not outlive its owner by a grace period per worker.
/// </summary>
public sealed class HostExit(WorkerPool pool, IHostApplicationLifetime lifetime, ILogger<HostExit> logger)
{
    private int _exiting;

    public void Exit(string reason)
    {
        if (Interlocked.Exchange(ref _exiting, 1) == 1)
        {
            return;
        }

        logger.LogWarning("Embedded worker host exiting: {Reason}", reason);
        pool.KillAll();
        lifetime.StopApplication();
    }
}
