using System.Collections.Concurrent;
using ConcurrencyService.Workloads.Timing;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Experiments;

/// <summary>
/// Experiments in memory. Finished ones are kept for <see cref="ExperimentsOptions.RetainFinishedFor"/> and at most
/// <see cref="ExperimentsOptions.RetainFinished"/> of them; each addition prunes, so memory stays bounded without a timer.
/// </summary>
public sealed class ExperimentStore(IOptions<ExperimentsOptions> options)
{
    private readonly ConcurrentDictionary<Guid, Experiment> _experiments = new();

    public void Add(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        Prune();
        _experiments[experiment.Id] = experiment;
    }

    public Experiment? Find(Guid id) => _experiments.GetValueOrDefault(id);

    /// <summary>Newest first.</summary>
    public IReadOnlyList<Experiment> List() => [.. _experiments.Values.OrderByDescending(e => e.SubmittedAt).ThenBy(e => e.Id)];

    public void Remove(Guid id)
    {
        if (_experiments.TryRemove(id, out var experiment))
        {
            experiment.Dispose();
        }
    }

    private void Prune()
    {
        var limits = options.Value;
        var finished = _experiments.Values
            .Select(e => (Experiment: e, FinishedAt: e.FinishedAt))
            .Where(e => e.FinishedAt is not null)
            .OrderByDescending(e => e.FinishedAt)
            .ToList();
        var cutoff = MonotonicClock.UtcNow - limits.RetainFinishedFor;
        foreach (var (experiment, finishedAt) in finished.Skip(limits.RetainFinished).Concat(finished.Take(limits.RetainFinished).Where(e => e.FinishedAt < cutoff)))
        {
            Remove(experiment.Id);
        }
    }
}
