namespace ConcurrencyService.Core.Storage;

/// <summary>
/// The one policy for work that must outlast a storage outage (Redis away, restarting or loading its data): try, and while
/// the storage is unavailable wait with backoff and try again, with one warning when the outage starts and one line when
/// it ends, instead of a line per try. Used by every background loop (<see cref="StorageLoop"/>) and by the writes a job's
/// run cannot do without (its claim and its end).
/// </summary>
public sealed class StorageRetry(string what, ILogger logger)
{
    /// <summary>The first wait after a failed try; each next one doubles, up to <see cref="MaxBackoff"/>.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);

    private int _failures;
    private DateTime _failingSince;

    /// <summary>The longest wait between two tries.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="work"/> until it completes, waiting out storage faults; other exceptions and the cancellation pass through.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        while (true)
        {
            try
            {
                var result = await work();
                Succeeded();
                return result;
            }
            catch (Exception ex) when (StorageFaults.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Failed(ex), cancellationToken);
            }
        }
    }

    /// <summary>Notes a successful try, and says so once when it ends an outage.</summary>
    public void Succeeded()
    {
        if (_failures > 0)
        {
            logger.LogInformation("{What}: the storage is back after {Failures} failed tries over {Seconds:F1} s", what, _failures, (DateTime.UtcNow - _failingSince).TotalSeconds);
            _failures = 0;
        }
    }

    /// <summary>Notes a failed try (a warning at the first one of an outage, an error with its stack for a fault that is not the storage's) and returns how long to wait before the next.</summary>
    public TimeSpan Failed(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (_failures++ == 0)
        {
            _failingSince = DateTime.UtcNow;
        }

        if (!StorageFaults.IsUnavailable(exception))
        {
            logger.LogError(exception, "{What} failed; trying again", what);
        }
        else if (_failures == 1)
        {
            logger.LogWarning("{What}: the storage is unavailable ({Message}); trying again with backoff until it is back", what, exception.Message);
        }

        var backoff = FirstBackoff * Math.Pow(2, Math.Min(_failures - 1, 16));
        return backoff < MaxBackoff ? backoff : MaxBackoff;
    }
}
