using System.Diagnostics;
using ConcurrencyService.Load.Driver;
using ConcurrencyService.Load.Models;
using ConcurrencyService.Load.Scenarios;
using ConcurrencyService.Load.Statistics;

namespace ConcurrencyService.Load.Running;

/// <summary>
/// Drives one scenario under one load profile: warm-up (run, not recorded), the measured part, then a bounded grace
/// period in which iterations still running finish and are counted (not cut off at the bell). Whatever is still
/// running after the grace period is cancelled and counted as failed.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "_cutOff has no timer and no linked parent: an undisposed one holds nothing but memory, freed with the run.")]
public sealed class ScenarioRun(IScenario scenario, LoadProfile profile)
{
    private readonly CancellationTokenSource _cutOff = new();
    private long _start;
    private long _inFlight;
    private long _measuredStarted;
    private long _lastFinish;
    private long _endTicks;

    public ScenarioRecorder Recorder { get; } = new();

    public IScenario Scenario => scenario;

    public LoadProfile Profile => profile;

    public TimeSpan Elapsed => _start == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_start);

    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>How far along the run is, 0 to 1: by time, or for the iterations model by iterations started.</summary>
    public double Progress => profile.Model switch
    {
        IterationsModel m => Math.Min(1, (double)Interlocked.Read(ref _measuredStarted) / Math.Max(1, m.Iterations)),
        _ => Math.Min(1, Elapsed / (profile.Warmup + Duration)),
    };

    /// <summary>
    /// When the measured part ends, from the start of the run. A closed model waiting for its minimum of iterations keeps
    /// it at the latest allowed end until they have finished, then moves it to that moment.
    /// </summary>
    private TimeSpan End => TimeSpan.FromTicks(Interlocked.Read(ref _endTicks));

    private TimeSpan Duration => profile.Model switch
    {
        ClosedModel c => c.Duration,
        OpenModel o => o.Duration,
        _ => TimeSpan.Zero,
    };

    public async Task<ScenarioStatistics> RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cutOff.Token);
        _start = Stopwatch.GetTimestamp();
        var end = profile.Warmup + Duration;
        var atMost = profile.Model is ClosedModel { MinIterations: > 0 } extensible && extensible.MaxDuration > extensible.Duration
            ? profile.Warmup + extensible.MaxDuration
            : end;
        Interlocked.Exchange(ref _endTicks, atMost.Ticks);
        var generator = profile.Model switch
        {
            ClosedModel c => RunClosedAsync(c, stop.Token),
            OpenModel o => RunOpenAsync(o, end, stop.Token),
            IterationsModel i => RunIterationsAsync(i, stop.Token),
            _ => throw new NotSupportedException(profile.Model.GetType().Name),
        };

        if (profile.Model is not IterationsModel)
        {
            // The generator stops starting iterations at the end by itself; from then on the grace period runs.
            if (end - Elapsed is var remaining && remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, cancellationToken);
            }

            if (profile.Model is ClosedModel { MinIterations: > 0 } closed)
            {
                await WaitForIterationsAsync(closed.MinIterations, end, atMost, cancellationToken);
            }

            await DrainAsync(generator, profile.Grace, cancellationToken);
        }

        await generator;
        await DrainAsync(generator, TimeSpan.FromSeconds(10), CancellationToken.None); // cut-off iterations end at once
        cancellationToken.ThrowIfCancellationRequested();

        var measured = profile.Model switch
        {
            IterationsModel => Stopwatch.GetElapsedTime(_start, Interlocked.Read(ref _lastFinish)) - profile.Warmup,
            ClosedModel => End - profile.Warmup,
            _ => Duration,
        };
        return Recorder.Summarize(measured < TimeSpan.Zero ? TimeSpan.Zero : measured);
    }

    private Task RunClosedAsync(ClosedModel model, CancellationToken stop) =>
        RunUsersAsync(model.Users, async user =>
        {
            if (!await DelayUntilAsync(model.UserStart(user), stop) || stop.IsCancellationRequested)
            {
                return;
            }

            // Every user runs at least one iteration: a user whose loop reached a busy thread pool only after the end
            // still takes part, so a short run on a loaded machine never measures nothing.
            var now = Elapsed;
            do
            {
                Interlocked.Increment(ref _inFlight);
                await IterateAsync(Stopwatch.GetTimestamp(), now >= profile.Warmup, stop);
            }
            while (!stop.IsCancellationRequested && (now = Elapsed) < End);
        });

    private async Task RunOpenAsync(OpenModel model, TimeSpan end, CancellationToken stop)
    {
        var schedule = model.Schedule;
        for (long i = 0; !stop.IsCancellationRequested; i++)
        {
            var due = schedule.StartOf(i);
            if (due >= end)
            {
                return;
            }

            // Sleep only when ahead; when behind, start every overdue iteration at once, each timed from when it was due.
            var ahead = due - Elapsed;
            if (ahead > TimeSpan.Zero)
            {
                await Task.Delay(ahead < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : ahead, stop);
            }

            if (Interlocked.Read(ref _inFlight) >= model.MaxInFlight)
            {
                if (due >= profile.Warmup)
                {
                    Recorder.Drop(due - profile.Warmup);
                }

                continue;
            }

            Interlocked.Increment(ref _inFlight);
            var dueTimestamp = _start + (long)(due.TotalSeconds * Stopwatch.Frequency);
            _ = Task.Run(() => IterateAsync(dueTimestamp, due >= profile.Warmup, stop), CancellationToken.None);
        }
    }

    private Task RunIterationsAsync(IterationsModel model, CancellationToken stop) =>
        RunUsersAsync(model.Concurrency, async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Warm-up iterations do not count toward the total.
                var measured = Elapsed >= profile.Warmup;
                if (measured && Interlocked.Increment(ref _measuredStarted) > model.Iterations)
                {
                    return;
                }

                Interlocked.Increment(ref _inFlight);
                await IterateAsync(Stopwatch.GetTimestamp(), measured, stop);
            }
        });

    /// <summary>Virtual users, each a loop on the thread pool.</summary>
    private static Task RunUsersAsync(int users, Func<int, Task> user) =>
        Task.WhenAll(Enumerable.Range(0, users).Select(u => Task.Run(() => user(u), CancellationToken.None)));

    /// <summary>Runs one iteration (the caller has counted it in flight) and records it if it is measured (not warm-up).</summary>
    private async Task IterateAsync(long due, bool measured, CancellationToken stop)
    {
        try
        {
            if (measured)
            {
                Recorder.Started(Stopwatch.GetElapsedTime(_start, due) - profile.Warmup);
            }

            var result = await RunScenarioAsync(due, stop);
            var now = Stopwatch.GetTimestamp();
            if (measured && result is not null)
            {
                InterlockedMax(ref _lastFinish, now);
                Recorder.Finished(result, Stopwatch.GetElapsedTime(_start, now) - profile.Warmup);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>The iteration's result, a failure naming its exception or its timeout; null when the run was aborted.</summary>
    private async Task<IterationResult?> RunScenarioAsync(long due, CancellationToken stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(profile.IterationTimeout);
        try
        {
            return await scenario.RunAsync(due, timeout.Token);
        }
        catch (OperationCanceledException) when (_cutOff.IsCancellationRequested)
        {
            return Failed(due, "cut off after the grace period", $"Still running {Durations.Format(profile.Grace)} after the end of the run.");
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return Failed(due, "iteration timeout", $"No result within {Durations.Format(profile.IterationTimeout)}.");
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (ServiceCallException ex)
        {
            return Failed(due, $"{ex.Call} {ex.StatusCode}", ex.Message);
        }
        // any failure of an iteration is a statistic, never a crash of the run
        catch (Exception ex)
        {
            return Failed(due, ex.GetType().Name, ex.Message);
        }
    }

    private static IterationResult Failed(long due, string reason, string detail) =>
        new(null, Stopwatch.GetElapsedTime(due), null, reason, 0) { FailureDetail = detail };

    /// <summary>
    /// At the planned end: waits until <paramref name="iterations"/> measured ones have finished (or <paramref name="atMost"/>),
    /// then ends the measured part, never before <paramref name="planned"/> (the delay to it may end a timer tick early).
    /// </summary>
    private async Task WaitForIterationsAsync(long iterations, TimeSpan planned, TimeSpan atMost, CancellationToken cancellationToken)
    {
        while (Recorder.Ok + Recorder.Failed < iterations && Elapsed < atMost)
        {
            await Task.Delay(10, cancellationToken);
        }

        Interlocked.Exchange(ref _endTicks, Math.Max(Elapsed.Ticks, planned.Ticks));
    }

    private async Task DrainAsync(Task generator, TimeSpan grace, CancellationToken cancellationToken)
    {
        var deadline = Elapsed + grace;
        while (!(generator.IsCompleted && InFlight == 0))
        {
            if (Elapsed >= deadline)
            {
                await _cutOff.CancelAsync();
                return;
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>Waits until <paramref name="at"/> into the run; false if cancelled first.</summary>
    private async Task<bool> DelayUntilAsync(TimeSpan at, CancellationToken cancellationToken)
    {
        var wait = at - Elapsed;
        if (wait <= TimeSpan.Zero)
        {
            return !cancellationToken.IsCancellationRequested;
        }

        try
        {
            await Task.Delay(wait, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var seen = Interlocked.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var previous && previous != seen)
        {
            seen = previous;
        }
    }
}
