using System.Collections.Concurrent;
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
        foreach (var expired in Retention.Expired(_experiments.Values, e => e.FinishedAt, options.Value))
        {
            _experiments.TryRemove(expired.Id, out _);
        }

        _experiments[experiment.Id] = experiment;
    }

    public Experiment? Find(Guid id) => _experiments.GetValueOrDefault(id);

    /// <summary>Newest first.</summary>
    public IReadOnlyList<Experiment> List() => [.. _experiments.Values.OrderByDescending(e => e.SubmittedAt).ThenBy(e => e.Id)];

    public void Remove(Guid id) => _experiments.TryRemove(id, out _);
}
