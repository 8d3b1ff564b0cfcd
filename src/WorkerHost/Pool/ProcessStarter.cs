using System.Globalization;
using ConcurrencyService.WorkerHost.Processes;
using ConcurrencyService.Workloads.Timing;
using Microsoft.Extensions.Logging;

namespace ConcurrencyService.WorkerHost.Pool;

/// <summary>Starts processes for one slot (or spare keeper), waiting out the <see cref="RestartPolicy"/> between failures.</summary>
public sealed class ProcessStarter(string name, WorkerLauncher launcher, RestartPolicy policy, PoolCounters counters, ILogger logger)
{
    private long _retryAtTimestamp;
    private volatile bool _backingOff;
    private volatile bool _starting;
    private int _attempts;
    private volatile string? _lastExit;

    public RestartPolicy Policy => policy;

    public bool BackingOff => _backingOff;

    /// <summary>How the latest process of this slot ended, start failures included, e.g. "pid 4242 exited with code 3".</summary>
    public string? LastExit
    {
        get => _lastExit;
        set => _lastExit = value;
    }

    /// <summary>Start attempts so far, failed ones included.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Set while starts keep failing, e.g. "worker-2: 5 consecutive start failures; next attempt in 3.2 s (last: pid 99 exited with code 1)".</summary>
    public string? Problem
    {
        get
        {
            // Only while the slot has no process because of the failures: a worker that came up again is not a problem.
            var failures = policy.ConsecutiveFailures;
            if (failures == 0 || !(_backingOff || _starting))
            {
                return null;
            }

            var next = _backingOff
                ? string.Create(CultureInfo.InvariantCulture, $"next attempt in {Math.Max(0, -MonotonicClock.Since(Volatile.Read(ref _retryAtTimestamp)).TotalSeconds):0.0} s")
                : "starting again now";
            return $"{name}: {failures} consecutive start failures; {next} (last: {policy.LastFailure})";
        }
    }

    public async Task<WorkerProcess> StartAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var delay = policy.NextDelay;
            if (delay > TimeSpan.Zero)
            {
                Volatile.Write(ref _retryAtTimestamp, MonotonicClock.Timestamp + (long)(delay.TotalSeconds * System.Diagnostics.Stopwatch.Frequency));
                _backingOff = true;
                try
                {
                    await Task.Delay(delay, cancellationToken);
                }
                finally
                {
                    _backingOff = false;
                }
            }

            Interlocked.Increment(ref _attempts);
            _starting = true;
            try
            {
                return await launcher.StartAsync(name, cancellationToken);
            }
            catch (WorkerStartException ex)
            {
                counters.WorkerCrashed();
                policy.RecordFailure(ex.Message);
                _lastExit = ex.Message;
                logger.LogWarning("{Worker} failed to start ({Failures} in a row, next attempt in {Delay}): {Error}", name, policy.ConsecutiveFailures, policy.NextDelay, ex.Message);
            }
            finally
            {
                _starting = false;
            }
        }
    }
}
