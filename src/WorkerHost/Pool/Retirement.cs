using System.Collections.Concurrent;
using ConcurrencyService.WorkerHost.Processes;

namespace ConcurrencyService.WorkerHost.Pool;

/// <summary>
/// Stops processes the pool is done with (recycled, spawn-mode, surplus) in the background, so a slot moves on to
/// its next task at once instead of waiting for the old process to exit.
/// </summary>
public sealed class Retirement(TimeSpan gracePeriod)
{
    private readonly ConcurrentDictionary<WorkerProcess, bool> _stopping = new();

    public void Retire(WorkerProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        _stopping.TryAdd(process, true);
        _ = StopAsync(process);
    }

    public void KillAll()
    {
        foreach (var process in _stopping.Keys)
        {
            process.Kill();
        }
    }

    /// <summary>Waits until every retired process has exited (each is killed after the grace period anyway).</summary>
    public async Task DrainAsync()
    {
        while (!_stopping.IsEmpty)
        {
            await Task.Delay(20);
        }
    }

    private async Task StopAsync(WorkerProcess process)
    {
        try
        {
            await process.StopAsync(gracePeriod);
        }
        finally
        {
            process.Dispose();
            _stopping.TryRemove(process, out _);
        }
    }
}
