using ConcurrencyService.Core.Queue;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Experiments;

/// <summary>
/// Puts experiments on the service's queue — its <c>experiments</c> queue, served by one worker, so two experiments
/// never run at once and disturb each other's timings. Bounded: a batch (a claims run queues every preset) is admitted
/// whole or not at all.
/// </summary>
public sealed class ExperimentQueue
{
    private readonly Lock _admit = new();
    private readonly RetainingStore<Experiment> _store;
    private readonly IJobQueue _queue;
    private readonly QueueTopology _topology;
    private readonly IOptions<ExperimentsOptions> _options;
    private readonly ExperimentSnapshots? _snapshots;

    /// <param name="snapshots">With shared storage: writes each experiment for the other nodes, and brings their cancels here.</param>
    public ExperimentQueue(RetainingStore<Experiment> store, IJobQueue queue, QueueTopology topology, IOptions<ExperimentsOptions> options, ExperimentSnapshots? snapshots = null)
    {
        _store = store;
        _queue = queue;
        _topology = topology;
        _options = options;
        _snapshots = snapshots;
        _snapshots?.Cancel = experiment => Cancel(experiment);
    }

    public int Capacity => _options.Value.QueueCapacity;

    /// <summary>Experiments accepted and not yet started.</summary>
    public int Waiting => _store.List().Count(e => e.Status == ExperimentStatus.Queued);

    /// <summary>Stores and queues all of <paramref name="experiments"/>, or none when they do not all fit.</summary>
    public bool TryEnqueue(IReadOnlyCollection<Experiment> experiments)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        lock (_admit)
        {
            // Only the one worker takes experiments out meanwhile, so room counted here is still there for the adds.
            if (Waiting + experiments.Count > Capacity)
            {
                return false;
            }

            foreach (var experiment in experiments)
            {
                _store.Add(experiment);
                _snapshots?.Track(experiment);
                experiment.QueueJobId = _queue.Enqueue(new ExperimentTicket(experiment.Id, experiment.Plan.Title, _topology.Experiments));
            }

            return true;
        }
    }

    /// <summary>Cancels a queued experiment at once (true), or asks a running one to stop (false); either way its queue entry is deleted.</summary>
    public bool Cancel(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var cancelled = experiment.Cancel();
        if (experiment.QueueJobId is { } queueJobId)
        {
            _queue.Remove(queueJobId, $"Cancelled through DELETE /api/experiments/{experiment.Id}");
        }

        return cancelled;
    }
}
