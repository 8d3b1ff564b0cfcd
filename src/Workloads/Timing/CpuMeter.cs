namespace ConcurrencyService.Workloads.Timing;

/// <summary>
/// Measures the CPU time of one logical operation even when it is async and hops threads. The meter rides in
/// an <see cref="AsyncLocal{T}"/> whose change callback fires whenever a thread enters or leaves the
/// operation's execution context; each stretch is timed with that thread's own OS CPU clock.
/// </summary>
public sealed class CpuMeter
{
    private static readonly AsyncLocal<CpuMeter?> Current = new(OnContextChanged);

    [ThreadStatic]
    private static CpuMeter? t_running;

    [ThreadStatic]
    private static long t_startTicks;

    private long _ticks;
    private bool _available = true;

    public TimeSpan? Elapsed => _available ? TimeSpan.FromTicks(Interlocked.Read(ref _ticks)) : null;

    /// <summary>Starts metering the current async flow; dispose the scope to stop.</summary>
    public static Scope Start(out CpuMeter meter)
    {
        meter = new CpuMeter();
        Current.Value = meter;
        return new Scope(meter);
    }

    private static void OnContextChanged(AsyncLocalValueChangedArgs<CpuMeter?> args)
    {
        if (args.PreviousValue is { } previous && ReferenceEquals(t_running, previous))
        {
            previous.Stop();
        }

        args.CurrentValue?.Begin();
    }

    private void Begin()
    {
        if (OsThread.CurrentCpuTime is { } now)
        {
            t_running = this;
            t_startTicks = now.Ticks;
        }
        else
        {
            _available = false;
        }
    }

    private void Stop()
    {
        t_running = null;
        if (OsThread.CurrentCpuTime is { } now)
        {
            Interlocked.Add(ref _ticks, now.Ticks - t_startTicks);
        }
    }

    public readonly struct Scope(CpuMeter meter) : IDisposable
    {
        public void Dispose()
        {
            if (ReferenceEquals(Current.Value, meter))
            {
                Current.Value = null;
            }
        }
    }
}
