using ConcurrencyService.Core.Node;
using ConcurrencyService.Core.Queue;

namespace ConcurrencyService.Core.Jobs;

/// <summary>
/// Cancels a job wherever it is: a queued one ends cancelled at once; a running one on this instance is told to stop
/// at once. Either way its queue entry is deleted, so the queue's view agrees and no worker starts it later. A running
/// job whose node has died (its lease run out) before the run could end it is ended here, since no run will.
/// </summary>
public sealed class JobCanceller(JobLifecycle lifecycle, JobCancellations running, IJobQueue queue, INodeRegistry nodes)
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
        var stoppedHere = running.TryCancel(id);
        RemoveFromQueue(update.Job, id);
        if (!stoppedHere && update.Job.CurrentAttempt is { } attempt && attempt.Node != nodes.Self && !await nodes.IsAliveAsync(attempt.Node, cancellationToken))
        {
            return await lifecycle.CancelLostAsync(id, update.Job.Attempts.Length, cancellationToken) is { Changed: true } lost ? lost : update;
        }

        return update;
    }

    private void RemoveFromQueue(JobState job, Guid id)
    {
        if (job.QueueJobId is { } queueJobId)
        {
            queue.Remove(queueJobId, "Cancelled through DELETE /api/jobs/" + id);
        }
    }
}
