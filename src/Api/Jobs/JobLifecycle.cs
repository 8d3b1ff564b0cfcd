using ConcurrencyService.Api.Executors;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Api.Jobs;

/// <summary>
/// Every status transition of a job goes through here: each is a guarded compare-and-swap on the store (so a
/// cancel and a start that race resolve to one winner), and each successful one updates the executor counters
/// that back queue admission and <c>GET /api/executors</c>.
/// </summary>
public sealed class JobLifecycle(IJobStore store, JobCounters statistics)
{
    public IJobStore Store => store;

    /// <summary>Queued → running, at the instant the first task started, with that task's record. False if the job is no longer queued.</summary>
    public async ValueTask<bool> MarkRunningAsync(Guid id, TaskRecord firstTask, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(firstTask);
        var update = await store.UpdateAsync(
            id,
            job => job.Status == JobStatus.Queued
                ? job with { Status = JobStatus.Running, StartedAt = firstTask.StartedAt, TaskRuns = job.TaskRuns.SetItem(firstTask.Index, firstTask) }
                : null,
            cancellationToken);
        return Record(update, JobStatus.Queued);
    }

    /// <summary>Records one task's progress (started on a worker, or ended) while its job runs.</summary>
    public async ValueTask RecordTaskAsync(Guid id, TaskRecord task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        await store.UpdateAsync(
            id,
            job => job.Status.IsFinal() ? null : job with { TaskRuns = job.TaskRuns.SetItem(task.Index, task) },
            cancellationToken);
    }

    /// <summary>Notes the queue's id for a job just queued (for cancelling it there).</summary>
    public async ValueTask SetQueueJobIdAsync(Guid id, string queueJobId, CancellationToken cancellationToken) =>
        await store.UpdateAsync(id, job => job with { QueueJobId = queueJobId }, cancellationToken);

    /// <summary>
    /// Queued or running → a final status. Returns the job as it is after the call (finished now, or already finished
    /// before, e.g. cancelled), or null when there is no such job.
    /// </summary>
    public async ValueTask<JobState?> FinishAsync(Guid id, Func<JobState, JobState> finish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finish);
        JobStatus from = default;
        var update = await store.UpdateAsync(
            id,
            job =>
            {
                if (job.Status.IsFinal())
                {
                    return null;
                }

                from = job.Status;
                return finish(job) with { FinishedAt = MonotonicClock.UtcNow };
            },
            cancellationToken);
        Record(update, from);
        return update?.Job;
    }

    /// <summary>Cancels a job that has not started. Returns the job as it is after the attempt, or null if unknown.</summary>
    public async ValueTask<JobUpdate?> CancelIfQueuedAsync(Guid id, CancellationToken cancellationToken)
    {
        var update = await store.UpdateAsync(
            id,
            job => job.Status == JobStatus.Queued
                ? job with
                {
                    Status = JobStatus.Cancelled,
                    FinishedAt = MonotonicClock.UtcNow,
                    Error = new JobError("cancelled", "Cancelled before it started."),
                }
                : null,
            cancellationToken);
        Record(update, JobStatus.Queued);
        return update;
    }

    private bool Record(JobUpdate? update, JobStatus from)
    {
        if (update is not { Changed: true })
        {
            return false;
        }

        statistics.For(update.Job.Executor).Record(from, update.Job.Status);
        return true;
    }
}
