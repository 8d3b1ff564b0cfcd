using ConcurrencyService.Core.Executors;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Core.Jobs;

/// <summary>
/// What the dashboard shows of this node's recent jobs: those finished in the last minute, per executor (how many per
/// second, and their run-time percentiles — a Prometheus histogram has buckets, not exact percentiles over a sliding
/// window), and the ids of the latest submitted, so the page reads a few jobs by id instead of listing the store.
/// </summary>
public sealed class RecentJobs
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public const int LatestKept = 100;

    private readonly Queue<Guid> _latest = new();

    private readonly Queue<(DateTimeOffset At, TimeSpan? RunTime)>[] _finished =
        [.. Enum.GetValues<ExecutorKind>().Select(_ => new Queue<(DateTimeOffset, TimeSpan?)>())];

    private readonly DateTimeOffset _since = MonotonicClock.UtcNow;

    public void Add(ExecutorKind executor, TimeSpan? runTime)
    {
        var queue = _finished[(int)executor];
        var now = MonotonicClock.UtcNow;
        lock (queue)
        {
            queue.Enqueue((now, runTime));
            Prune(queue, now);
        }
    }

    public void Submitted(Guid id)
    {
        lock (_latest)
        {
            _latest.Enqueue(id);
            if (_latest.Count > LatestKept)
            {
                _latest.Dequeue();
            }
        }
    }

    /// <summary>The ids of the latest jobs submitted on this node, newest first.</summary>
    public IReadOnlyList<Guid> Latest(int count)
    {
        lock (_latest)
        {
            return [.. _latest.Reverse().Take(count)];
        }
    }

    public RecentJobsSummary Summarize(ExecutorKind executor)
    {
        var queue = _finished[(int)executor];
        var now = MonotonicClock.UtcNow;
        double[] runTimes;
        int count;
        lock (queue)
        {
            Prune(queue, now);
            count = queue.Count;
            runTimes = [.. queue.Where(f => f.RunTime is not null).Select(f => f.RunTime!.Value.TotalMilliseconds)];
        }

        Array.Sort(runTimes);
        var seconds = Math.Max(1, Math.Min(Window.TotalSeconds, (now - _since).TotalSeconds));
        return new RecentJobsSummary(count, Math.Round(count / seconds, 2), Percentile(runTimes, 0.50), Percentile(runTimes, 0.95), Percentile(runTimes, 0.99));
    }

    private static void Prune(Queue<(DateTimeOffset At, TimeSpan? RunTime)> queue, DateTimeOffset now)
    {
        while (queue.TryPeek(out var oldest) && now - oldest.At > Window)
        {
            queue.Dequeue();
        }
    }

    /// <summary>Nearest-rank percentile of sorted values; null when there are none.</summary>
    internal static double? Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? null : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 3);
}
