using System.Collections.Immutable;
using ConcurrencyService.Core.Executors;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Core.Jobs;

/// <summary>
/// Every status transition of a job goes through here: each is a guarded compare-and-swap on the store (so a cancel and a
/// start that race resolve to one winner, on one node or across nodes), and each successful one updates this node's
/// executor counters behind <c>GET /api/executors</c>. The writes of a run name its attempt: once another node has taken
/// the job over, a run that was taken for dead can no longer change it.
/// </summary>
public sealed class JobLifecycle(IJobStore store, JobCounters statistics, JobMetrics metrics)
{
    public IJobStore Store => store;

    /// <summary>
    /// Takes the job for a run on <paramref name="node"/>, as a new attempt, unless it has finished or another attempt is under
    /// way that <paramref name="isLive"/> says is still live. Taking over from a dead attempt ends it as <see cref="JobAttempt.NodeLost"/>
    /// and puts the job back to queued, its tasks not started.
    /// </summary>
    public async ValueTask<JobClaim> ClaimAsync(Guid id, string node, Func<JobAttempt, ValueTask<bool>> isLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(isLive);
        while (true)
        {
            // The usual case in one write: nobody has the job yet.
            var now = MonotonicClock.UtcNow;
            var update = await store.UpdateAsync(id, j => j.Status.IsFinal() || j.CurrentAttempt is not null ? null : Claimed(j, node, now), cancellationToken);
            if (update is null || update.Changed || update.Job.Status.IsFinal())
            {
                return new JobClaim(update?.Job, update is { Changed: true } ? update.Job.Attempts.Length : null);
            }

            // Another attempt is under way: take the job over only from a dead one, and only while that one is still current.
            var seen = update.Job;
            if (await isLive(seen.CurrentAttempt!))
            {
                return new JobClaim(seen, null);
            }

            now = MonotonicClock.UtcNow;
            var takeover = await store.UpdateAsync(
                id,
                j => j.Status.IsFinal() || j.CurrentAttempt is null || j.Attempts.Length != seen.Attempts.Length ? null : Claimed(j, node, now),
                cancellationToken);
            if (takeover is null || takeover.Changed)
            {
                return new JobClaim(takeover?.Job, takeover is { Changed: true } ? takeover.Job.Attempts.Length : null);
            }

            // Someone else changed the job meanwhile (another node took it, or it was cancelled): look again.
        }
    }

    /// <summary>The job as this node's new attempt: queued from the start, any attempt under way (a dead one) ended as lost.</summary>
    private static JobState Claimed(JobState job, string node, DateTimeOffset now)
    {
        var restarted = Restart(job, now, JobAttempt.NodeLost);
        return restarted with { Attempts = restarted.Attempts.Add(new JobAttempt(restarted.Attempts.Length + 1, node, now)) };
    }

    /// <summary>Queued → running, at the instant the first task started, with that task's record. False if the job is no longer queued or no longer this attempt's.</summary>
    public async ValueTask<bool> MarkRunningAsync(Guid id, int attempt, TaskRecord firstTask, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(firstTask);
        var update = await store.UpdateAsync(
            id,
            job => job.Status == JobStatus.Queued && job.Attempts.Length == attempt
                ? job with { Status = JobStatus.Running, StartedAt = firstTask.StartedAt, TaskRuns = job.TaskRuns.SetItem(firstTask.Index, firstTask) }
                : null,
            cancellationToken);
        return Record(update, JobStatus.Queued);
    }

    /// <summary>Counts a run of this node as running (its first task started), for <c>runningJobs</c> and the running gauge.</summary>
    public void RunStarted(ExecutorKind executor) => statistics.For(executor).RunStarted();

    /// <summary>A run counted by <see cref="RunStarted"/> has ended, whether or not its end could be written.</summary>
    public void RunEnded(ExecutorKind executor) => statistics.For(executor).RunEnded();

    /// <summary>Records one task's progress (started on a worker, or ended) while its attempt runs.</summary>
    public async ValueTask RecordTaskAsync(Guid id, int attempt, TaskRecord task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        await store.UpdateAsync(
            id,
            job => job.Status.IsFinal() || job.Attempts.Length != attempt ? null : job with { TaskRuns = job.TaskRuns.SetItem(task.Index, task) },
            cancellationToken);
    }

    /// <summary>Notes the queue's id for a job just queued (for cancelling it there).</summary>
    public ValueTask SetQueueJobIdAsync(Guid id, string queueJobId, CancellationToken cancellationToken) =>
        store.SetQueueJobIdAsync(id, queueJobId, cancellationToken);

    /// <summary>
    /// Queued or running → a final status. With <paramref name="attempt"/>, only while that attempt is the job's current one.
    /// Returns the job as it is after the call (finished now, or already finished before, e.g. cancelled), or null when there is no such job.
    /// </summary>
    public async ValueTask<JobState?> FinishAsync(Guid id, int? attempt, Func<JobState, JobState> finish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finish);
        JobStatus from = default;
        var update = await store.UpdateAsync(
            id,
            job =>
            {
                if (job.Status.IsFinal() || (attempt is { } a && job.Attempts.Length != a))
                {
                    return null;
                }

                from = job.Status;
                var now = MonotonicClock.UtcNow;
                var finished = finish(job);
                return finished with { FinishedAt = now, Attempts = Ended(job.Attempts, now, JobAttempt.Finished), TaskRuns = NotStarted(finished.TaskRuns) };
            },
            cancellationToken);
        Record(update, from);
        return update?.Job;
    }

    /// <summary>
    /// Gives a job back to the queue when this node stops while running it (shared storage only): the attempt ends as
    /// <see cref="JobAttempt.Released"/> and the job is queued again for another node. Returns the job after the call.
    /// </summary>
    public async ValueTask<JobState?> ReleaseAsync(Guid id, int attempt, CancellationToken cancellationToken)
    {
        JobStatus from = default;
        var update = await store.UpdateAsync(
            id,
            job =>
            {
                if (job.Status.IsFinal() || job.Attempts.Length != attempt)
                {
                    return null;
                }

                from = job.Status;
                var now = MonotonicClock.UtcNow;
                return Restart(job, now, JobAttempt.Released);
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
            job =>
            {
                if (job.Status != JobStatus.Queued)
                {
                    return null;
                }

                var now = MonotonicClock.UtcNow;
                return job with
                {
                    Status = JobStatus.Cancelled,
                    FinishedAt = now,
                    Attempts = Ended(job.Attempts, now, JobAttempt.Finished),
                    TaskRuns = NotStarted(job.TaskRuns),
                    Error = new JobError("cancelled", "Cancelled before it started."),
                };
            },
            cancellationToken);
        Record(update, JobStatus.Queued);
        return update;
    }

    /// <summary>
    /// Cancels a job whose attempt <paramref name="attempt"/> belongs to a node that died before its run ended: nobody else
    /// would end it. The attempt ends <see cref="JobAttempt.NodeLost"/>, its tasks that were running end cancelled and those
    /// that never started say so. Returns the job after the call, or null if unknown.
    /// </summary>
    public async ValueTask<JobUpdate?> CancelLostAsync(Guid id, int attempt, CancellationToken cancellationToken)
    {
        JobStatus from = default;
        var update = await store.UpdateAsync(
            id,
            job =>
            {
                if (job.Status.IsFinal() || job.Attempts.Length != attempt || job.CurrentAttempt is not { } lost)
                {
                    return null;
                }

                from = job.Status;
                var now = MonotonicClock.UtcNow;
                return job with
                {
                    Status = JobStatus.Cancelled,
                    FinishedAt = now,
                    Attempts = Ended(job.Attempts, now, JobAttempt.NodeLost),
                    TaskRuns = [.. NotStarted(job.TaskRuns).Select(t => t.Status == TaskRunStatus.Running ? t with { Status = TaskRunStatus.Cancelled, Error = "Its node died." } : t)],
                    Error = new JobError("cancelled", $"Cancelled after node '{lost.Node}', which was running it, died; its tasks ended with it."),
                };
            },
            cancellationToken);
        Record(update, from);
        return update;
    }

    /// <summary>The job queued again from the start: its current attempt ended with <paramref name="ending"/>, its tasks not started.</summary>
    private static JobState Restart(JobState job, DateTimeOffset now, string ending) => job with
    {
        Status = JobStatus.Queued,
        StartedAt = null,
        CpuTime = null,
        Attempts = Ended(job.Attempts, now, ending),
        TaskRuns = [.. Enumerable.Range(0, job.Tasks).Select(i => new TaskRecord(i, TaskRunStatus.Queued, null, null, null, null, null))],
    };

    /// <summary>A finished job's tasks that were still waiting for a worker never started: they say so, not <c>queued</c>.</summary>
    private static ImmutableArray<TaskRecord> NotStarted(ImmutableArray<TaskRecord> tasks) =>
        tasks.IsDefault ? tasks : [.. tasks.Select(t => t.Status == TaskRunStatus.Queued ? t with { Status = TaskRunStatus.NotStarted } : t)];

    private static ImmutableArray<JobAttempt> Ended(ImmutableArray<JobAttempt> attempts, DateTimeOffset now, string ending) =>
        attempts.IsDefaultOrEmpty || attempts[^1].EndedAt is not null
            ? attempts.IsDefault ? [] : attempts
            : attempts.SetItem(attempts.Length - 1, attempts[^1] with { EndedAt = now, Ending = ending });

    private bool Record(JobUpdate? update, JobStatus from)
    {
        if (update is not { Changed: true })
        {
            return false;
        }

        statistics.For(update.Job.Executor).Record(from, update.Job.Status);
        if (update.Job.Status.IsFinal())
        {
            metrics.Finished(update.Job);
        }

        return true;
    }
}

/// <summary>
/// The result of <see cref="JobLifecycle.ClaimAsync"/>: the job as it is, and the attempt number this node now runs, or
/// null when it runs nothing (the job is gone, finished, or another live attempt has it).
/// </summary>
public sealed record JobClaim(JobState? Job, int? Attempt);
