using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Api.Experiments;

/// <summary>Which finished items to let go: those past <see cref="ExperimentsOptions.RetainFinishedFor"/>, and the oldest beyond <see cref="ExperimentsOptions.RetainFinished"/>.</summary>
public static class Retention
{
    public static IEnumerable<T> Expired<T>(IEnumerable<T> items, Func<T, DateTimeOffset?> finishedAt, ExperimentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var finished = items
            .Select(item => (Item: item, FinishedAt: finishedAt(item)))
            .Where(e => e.FinishedAt is not null)
            .OrderByDescending(e => e.FinishedAt)
            .ToList();
        var cutoff = MonotonicClock.UtcNow - options.RetainFinishedFor;
        return finished.Skip(options.RetainFinished)
            .Concat(finished.Take(options.RetainFinished).Where(e => e.FinishedAt < cutoff))
            .Select(e => e.Item)
            .ToList();
    }
}
