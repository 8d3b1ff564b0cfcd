using System.Collections.Concurrent;
using ConcurrencyService.Workloads.Timing;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Experiments;

/// <summary>
/// Experiments (or claims runs) in memory. Finished ones are kept for <see cref="ExperimentsOptions.RetainFinishedFor"/> and
/// at most <see cref="ExperimentsOptions.RetainFinished"/> of them; each addition prunes, so memory stays bounded without a timer.
/// </summary>
public sealed class RetainingStore<T>(IOptions<ExperimentsOptions> options)
    where T : class, IRetained
{
    private readonly ConcurrentDictionary<Guid, T> _items = new();

    public void Add(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var limits = options.Value;
        var finished = _items.Values.Where(i => i.FinishedAt is not null).OrderByDescending(i => i.FinishedAt).ToList();
        var cutoff = MonotonicClock.UtcNow - limits.RetainFinishedFor;
        foreach (var expired in finished.Skip(limits.RetainFinished).Concat(finished.Take(limits.RetainFinished).Where(i => i.FinishedAt < cutoff)))
        {
            _items.TryRemove(expired.Id, out _);
        }

        _items[item.Id] = item;
    }

    public T? Find(Guid id) => _items.GetValueOrDefault(id);

    /// <summary>Newest first.</summary>
    public IReadOnlyList<T> List() => [.. _items.Values.OrderByDescending(i => i.SubmittedAt).ThenBy(i => i.Id)];

    public void Remove(Guid id) => _items.TryRemove(id, out _);
}
