using ConcurrencyService.Core.Executors;

namespace ConcurrencyService.Core.Jobs;

/// <summary>
/// Where the service's job records live (Hangfire's queue keeps only tickets). Updates are compare-and-swap on whole
/// <see cref="JobState"/> values. Finished jobs are removed by retention; the store remembers which ids it removed,
/// so a reader can tell "removed" (410) from "never existed" (404).
/// </summary>
public interface IJobStore
{
    /// <summary>
    /// True when the records outlive this process and other nodes read them (Redis): a job this node stops running at
    /// shutdown is given back to the queue for another node, not failed.
    /// </summary>
    bool IsShared { get; }

    /// <summary>
    /// Adds a queued job unless <paramref name="queuedCapacity"/> jobs of its executor are queued already (counted over every
    /// node sharing the store), atomically with the count. False when the queue is full.
    /// </summary>
    ValueTask<bool> TryAddAsync(JobState job, int queuedCapacity, CancellationToken cancellationToken);

    /// <summary>How many jobs of the executor have the status, over every node sharing the store.</summary>
    ValueTask<int> CountAsync(JobStatus status, ExecutorKind executor, CancellationToken cancellationToken);

    ValueTask<JobState?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>True when a job with this id existed and was removed by retention.</summary>
    ValueTask<bool> WasRemovedAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Notes the queue's id for the job (a field of its own: no other part of the job changes).</summary>
    ValueTask SetQueueJobIdAsync(Guid id, string queueJobId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> atomically. It returns the new state, or null to leave the job as it is.
    /// Returns the job's state after the call (changed or not), or null when there is no such job.
    /// </summary>
    ValueTask<JobUpdate?> UpdateAsync(Guid id, Func<JobState, JobState?> change, CancellationToken cancellationToken);

    ValueTask<(IReadOnlyList<JobState> Items, int Total)> ListAsync(JobQuery query, CancellationToken cancellationToken);

    /// <summary>Completes when the job reaches a final status (or is gone); never polls.</summary>
    Task WaitUntilFinishedAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Removes finished jobs that finished before <paramref name="finishedBefore"/>, and the oldest beyond <paramref name="keepAtMost"/>.</summary>
    ValueTask<int> PruneAsync(DateTimeOffset finishedBefore, int keepAtMost, CancellationToken cancellationToken);
}

/// <summary>The job after an update, and whether the update changed it.</summary>
public sealed record JobUpdate(JobState Job, bool Changed);
