namespace ConcurrencyService.WorkerHost.Pool;

/// <summary>
/// Exponential backoff for a worker that keeps failing early: each consecutive failure doubles the wait before the
/// next start (initial · 2^(n−1), capped), so a broken command or environment never turns into a fork loop.
/// A task that completes normally proves the worker healthy and resets the count.
/// </summary>
public sealed class RestartPolicy(TimeSpan initial, TimeSpan max)
{
    /// <summary>A worker that dies sooner than this after starting counts as a start failure, whatever killed it.</summary>
    public static readonly TimeSpan EarlyDeath = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private int _failures;
    private string? _lastFailure;

    public int ConsecutiveFailures
    {
        get
        {
            lock (_lock)
            {
                return _failures;
            }
        }
    }

    public string? LastFailure
    {
        get
        {
            lock (_lock)
            {
                return _lastFailure;
            }
        }
    }

    /// <summary>How long to wait before the next start: zero after a success.</summary>
    public TimeSpan NextDelay
    {
        get
        {
            lock (_lock)
            {
                if (_failures == 0)
                {
                    return TimeSpan.Zero;
                }

                var factor = Math.Pow(2, Math.Min(_failures - 1, 30));
                return TimeSpan.FromTicks((long)Math.Min(initial.Ticks * factor, max.Ticks));
            }
        }
    }

    public static bool IsEarly(TimeSpan uptime) => uptime < EarlyDeath;

    public void RecordFailure(string description)
    {
        lock (_lock)
        {
            _failures++;
            _lastFailure = description;
        }
    }

    public void RecordSuccess()
    {
        lock (_lock)
        {
            _failures = 0;
        }
    }
}
