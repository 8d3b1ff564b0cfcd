using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Api.Experiments;

/// <summary>Stores and queues experiments: all of a batch or, when the queue has no room for them all, none.</summary>
public sealed class ExperimentSubmitter(RetainingStore<Experiment> store, ExperimentQueue queue)
{
    /// <summary>The queued experiments, in order; null when the queue is full.</summary>
    public IReadOnlyList<Experiment>? Submit(IReadOnlyList<ExperimentPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var submittedAt = MonotonicClock.UtcNow;
        var experiments = plans.Select(plan => new Experiment(Guid.CreateVersion7(), plan, submittedAt)).ToList();
        foreach (var experiment in experiments)
        {
            store.Add(experiment);
        }

        if (queue.TryEnqueue(experiments))
        {
            return experiments;
        }

        foreach (var experiment in experiments)
        {
            store.Remove(experiment.Id);
        }

        return null;
    }
}
