using ConcurrencyService.Core.Queue;

namespace ConcurrencyService.Core.Jobs;

/// <summary>
/// Cancels a job wherever it is: a queued one ends cancelled at once; a running one on this instance is told to stop
/// at once. Either way its queue entry is deleted, so the queue's view agrees and no worker starts it later.
/// </summary>
public sealed class JobCanceller(JobLifecycle lifecycle, JobCancellations running, IJobQueue queue)
{
    /// <summary>The job after the attempt (<see cref="JobUpdate.Changed"/> when it was queued and is now cancelled), or null if unknown.</summary>
    public async ValueTask<JobUpdate?> CancelAsync(Guid id, CancellationToken cancellationToken)
    {
        var update = await lifecycle.CancelIfQueuedAsync(id, cancellationToken);
        if (update is null || (!update.Changed && update.Job.Status.IsFinal()))
        {
            return update;
        }

        // Queued (its tasks may already wait for a worker) or running: stop any run in progress here.
        running.TryCancel(id);
        if (update.Job.QueueJobId is { } queueJobId)
        {
            queue.Remove(queueJobId, "Cancelled through DELETE /api/jobs/" + id);
        }

        return update;
    }
}
