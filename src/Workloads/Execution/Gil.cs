using System.Diagnostics;

namespace ConcurrencyService.Workloads.Execution;

/// <summary>
/// An emulation of CPython's global interpreter lock: one lock that a piece's CPU work must hold to make progress.
/// A holder gives it up at its next <see cref="GilHold.Checkpoint"/> once it has held it for the switch interval
/// while another piece waits (CPython's "drop request", default 5 ms), and whenever it waits on IO. Hand-over is
/// first come, first served, so a waiter is never overtaken, and a piece that gives the lock up queues behind the
/// others. Waiting blocks the waiting thread without spinning, so it uses no CPU time — as in CPython.
/// </summary>
public sealed class Gil(TimeSpan switchInterval)
{
    private readonly object _sync = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private readonly long _intervalTicks = Math.Max(1, (long)(switchInterval.TotalSeconds * Stopwatch.Frequency));
    private bool _held;
    private int _waiting;
    private long _grantedAt;
    private long _handOffs;

    public TimeSpan SwitchInterval { get; } = switchInterval > TimeSpan.Zero
        ? switchInterval
        : throw new ArgumentOutOfRangeException(nameof(switchInterval), switchInterval, "The switch interval must be positive.");

    /// <summary>How many pieces wait for the lock now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>How many times the lock passed from one piece to a waiting one.</summary>
    public long HandOffs => Interlocked.Read(ref _handOffs);

    /// <summary>True when the holder should let a waiter have the lock: someone waits and the interval has passed.</summary>
    internal bool DropRequested =>
        Volatile.Read(ref _waiting) > 0 && Stopwatch.GetTimestamp() - Volatile.Read(ref _grantedAt) >= _intervalTicks;

    /// <summary>Blocks until the calling piece holds the lock; the returned hold releases it when disposed.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled while waiting.</exception>
    public GilHold Enter(CancellationToken cancellationToken)
    {
        var hold = new GilHold(this, cancellationToken);
        hold.Reacquire();
        return hold;
    }

    /// <summary>Blocks until granted; returns how long it waited. Throws if cancelled before it was granted.</summary>
    internal TimeSpan Acquire(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        Waiter waiter;
        lock (_sync)
        {
            if (!_held)
            {
                _held = true;
                Volatile.Write(ref _grantedAt, start);
                return TimeSpan.Zero;
            }

            waiter = new Waiter();
            _waiters.AddLast(waiter.Node = new LinkedListNode<Waiter>(waiter));
            Volatile.Write(ref _waiting, _waiters.Count);
        }

        using (cancellationToken.Register(static w => ((Waiter)w!).Wake(), waiter))
        {
            waiter.WaitUntilGrantedOrCancelled(cancellationToken);
        }

        lock (_sync)
        {
            if (!waiter.Granted)
            {
                _waiters.Remove(waiter.Node!);
                Volatile.Write(ref _waiting, _waiters.Count);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>Hands the lock to the longest waiter, or frees it when nobody waits.</summary>
    internal void Release()
    {
        lock (_sync)
        {
            if (_waiters.First is not { } next)
            {
                _held = false;
                return;
            }

            _waiters.RemoveFirst();
            Volatile.Write(ref _waiting, _waiters.Count);
            Volatile.Write(ref _grantedAt, Stopwatch.GetTimestamp());
            _handOffs++;
            next.Value.Grant();
        }
    }

    private sealed class Waiter
    {
        private readonly object _signal = new();

        public LinkedListNode<Waiter>? Node { get; set; }

        public bool Granted { get; private set; }

        public void Grant()
        {
            lock (_signal)
            {
                Granted = true;
                Monitor.Pulse(_signal);
            }
        }

        public void Wake()
        {
            lock (_signal)
            {
                Monitor.Pulse(_signal);
            }
        }

        public void WaitUntilGrantedOrCancelled(CancellationToken cancellationToken)
        {
            lock (_signal)
            {
                while (!Granted && !cancellationToken.IsCancellationRequested)
                {
                    Monitor.Wait(_signal);
                }
            }
        }
    }
}
