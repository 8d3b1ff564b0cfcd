using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Experiments;

/// <summary>Makes experiments of plans and queues them: all of a batch or, when the queue has no room for them all, none.</summary>
public sealed class ExperimentSubmitter(ExperimentQueue queue)
{
    /// <summary>The queued experiments, in order; null when the queue is full.</summary>
    public IReadOnlyList<Experiment>? Submit(IReadOnlyList<ExperimentPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var submittedAt = MonotonicClock.UtcNow;
        var experiments = plans.Select(plan => new Experiment(Guid.CreateVersion7(), plan, submittedAt)).ToList();
        return queue.TryEnqueue(experiments) ? experiments : null;
    }
}
