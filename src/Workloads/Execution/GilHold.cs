using System.Runtime.CompilerServices;

namespace ConcurrencyService.Workloads.Execution;

/// <summary>
/// One piece's hold on a <see cref="Gil"/>. The piece's CPU loops call <see cref="Checkpoint"/> (through
/// <see cref="WorkloadContext.Checkpoint"/>); its IO waits go through <see cref="WaitOutsideAsync(ValueTask)"/>,
/// which lets go of the lock for the wait and takes it back after, on whichever thread the piece continues.
/// The hold belongs to the piece, not to a thread, because an awaiting piece may resume on another worker.
/// </summary>
public sealed class GilHold : IDisposable
{
    private readonly Gil _gil;
    private readonly CancellationToken _cancellationToken;
    private TimeSpan _waited;
    private bool _held;

    internal GilHold(Gil gil, CancellationToken cancellationToken)
    {
        _gil = gil;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Time this piece spent waiting for the lock: at its start, after each switch and after each IO wait.</summary>
    public TimeSpan WaitTime => _waited;

    /// <summary>Gives the lock to a waiter if the switch interval has passed, then queues for it again. Cheap otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Checkpoint()
    {
        if (_gil.DropRequested)
        {
            Switch();
        }
    }

    /// <summary>Awaits <paramref name="io"/> without the lock, as CPython releases the GIL around blocking IO.</summary>
    public async ValueTask WaitOutsideAsync(ValueTask io)
    {
        Release();
        try
        {
            await io;
        }
        finally
        {
            Reacquire();
        }
    }

    /// <inheritdoc cref="WaitOutsideAsync(ValueTask)"/>
    public async ValueTask<T> WaitOutsideAsync<T>(ValueTask<T> io)
    {
        Release();
        try
        {
            return await io;
        }
        finally
        {
            Reacquire();
        }
    }

    /// <summary>Runs a blocking call (an fsync, say) without the lock.</summary>
    public void RunOutside(Action blocking)
    {
        ArgumentNullException.ThrowIfNull(blocking);
        Release();
        try
        {
            blocking();
        }
        finally
        {
            Reacquire();
        }
    }

    public void Dispose() => Release();

    internal void Reacquire()
    {
        if (!_held)
        {
            _waited += _gil.Acquire(_cancellationToken);
            _held = true;
        }
    }

    private void Release()
    {
        if (_held)
        {
            _held = false;
            _gil.Release();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Switch()
    {
        Release();
        Reacquire();
    }
}
