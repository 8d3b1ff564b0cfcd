using System.Collections.Concurrent;
using System.Diagnostics;
using ConcurrencyService.Load.Scenarios;
using ConcurrencyService.Load.Statistics;

namespace ConcurrencyService.Load.Tests;

/// <summary>A scenario with no service behind it: each iteration runs <c>body</c>, and the start timestamps it was given are kept.</summary>
public sealed class FakeScenario(Func<CancellationToken, Task> body) : IScenario
{
    private int _runs;
    private int _running;
    private int _mostAtOnce;

    public FakeScenario(TimeSpan delay)
        : this(ct => Task.Delay(delay, ct))
    {
    }

    public ScenarioSettings Settings { get; } = new("fake", "a fake iteration", null, null, new Dictionary<string, object>(), 0);

    public ConcurrentQueue<long> StartTimestamps { get; } = new();

    public int Runs => Volatile.Read(ref _runs);

    /// <summary>The most iterations that were running at the same time.</summary>
    public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

    public async Task<IterationResult> RunAsync(long startTimestamp, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        StartTimestamps.Enqueue(startTimestamp);
        var running = Interlocked.Increment(ref _running);
        int most;
        while (running > (most = MostAtOnce) && Interlocked.CompareExchange(ref _mostAtOnce, running, most) != most)
        {
            // Another iteration raised it meanwhile: look again.
        }

        try
        {
            await body(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }

        return new IterationResult(null, Stopwatch.GetElapsedTime(startTimestamp), 200, null, 1);
    }
}
