using ConcurrencyService.Core.Storage;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Experiments;

/// <summary>
/// Makes experiments of plans and queues them: all of a batch or, when the queue has no room for them all, none. With shared
/// storage each is written to the directory before the submission is answered, so an accepted experiment is known to every
/// node even if its own node dies a moment later (it then ends <c>nodeLost</c> rather than vanishing).
/// </summary>
public sealed class ExperimentSubmitter(ExperimentQueue queue, IExperimentDirectory directory, MachineInfo machine, ILogger<ExperimentSubmitter> logger)
{
    /// <summary>The queued experiments, in order; null when the queue is full.</summary>
    public async Task<IReadOnlyList<Experiment>?> SubmitAsync(IReadOnlyList<ExperimentPlan> plans, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var submittedAt = MonotonicClock.UtcNow;
        var experiments = plans.Select(plan => new Experiment(Guid.CreateVersion7(), plan, submittedAt, machine)).ToList();
        if (!queue.TryEnqueue(experiments))
        {
            return null;
        }

        try
        {
            foreach (var experiment in experiments)
            {
                await directory.PublishAsync(experiment.ToView(), CancellationToken.None);
            }
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            // Queued here and running here regardless; the snapshot writer publishes it again at its next change.
            logger.LogWarning("Experiments {Ids} are queued, but could not be written to the shared storage yet: {Message}",
                string.Join(", ", experiments.Select(e => e.Id)), ex.Message);
        }

        return experiments;
    }
}
