using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using ConcurrencyService.WorkerHost.Processes;

namespace ConcurrencyService.WorkerHost.Pool;

/// <summary>
/// Spawn mode's stock of ready processes: <c>SpareProcesses</c> keepers each start one, wait until it is taken, and
/// start the next, so a task usually gets a booted process at once while every task still gets a fresh one.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "_room's wait handle is never asked for, so the semaphore holds no kernel object to release.")]
public sealed class SpareProcesses(IReadOnlyList<ProcessStarter> keepers, Retirement retirement)
{
    private readonly Channel<WorkerProcess> _ready = Channel.CreateUnbounded<WorkerProcess>();
    private readonly SemaphoreSlim _room = new(keepers.Count, keepers.Count);

    public int Ready => _ready.Reader.Count;

    public string? Problem => keepers.Select(k => k.Problem).FirstOrDefault(p => p is not null);

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await Task.WhenAll(keepers.Select(k => Task.Run(() => KeepAsync(k, stopping), CancellationToken.None)));
        }
        finally
        {
            while (_ready.Reader.TryRead(out var spare))
            {
                retirement.Retire(spare);
            }
        }
    }

    public bool TryTake([NotNullWhen(true)] out WorkerProcess? process)
    {
        while (_ready.Reader.TryRead(out process))
        {
            _room.Release();
            if (!process.HasExited)
            {
                return true;
            }

            process.Dispose(); // died while waiting; the keeper starts another
        }

        return false;
    }

    public void KillAll()
    {
        while (_ready.Reader.TryRead(out var spare))
        {
            spare.Kill();
        }
    }

    private async Task KeepAsync(ProcessStarter keeper, CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                await _room.WaitAsync(stopping);
                _ready.Writer.TryWrite(await keeper.StartAsync(stopping));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }
}
