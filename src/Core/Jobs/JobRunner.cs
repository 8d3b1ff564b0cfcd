using System.Text.Json;
using ConcurrencyService.Core.Executors;
using ConcurrencyService.Core.Node;
using ConcurrencyService.Core.Queue;
using ConcurrencyService.Core.Storage;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Execution;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Core.Jobs;

/// <summary>
/// Runs one job when the queue hands over its ticket: claims it as a new attempt of this node, splits it into tasks, hands
/// them to its executor, and records every step. The job turns running when its first task starts on a worker, and its
/// timeout counts from then. The first failing task cancels the rest (fail fast); a cancel, a timeout or shutdown cancels
/// them all. What the job came to is returned as the queue's outcome, so the queue's state agrees with the job's status.
/// With shared storage, a job this node stops running without finishing it (it is shutting down, or the queue handed the
/// job to another node) is released for the next attempt, never failed and never run twice at once.
/// </summary>
public sealed class JobRunner(
    JobLifecycle lifecycle,
    ExecutorRegistry executors,
    JobCancellations cancellations,
    IJobQueue queue,
    INodeRegistry nodes,
    IOptions<NodeOptions> node,
    IHostApplicationLifetime lifetime,
    ILogger<JobRunner> logger) : IQueueHandler<JobTicket>
{
    public async Task<RunOutcome> RunAsync(JobTicket ticket, string? queueJobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var claim = await ClaimAsync(ticket.JobId, cancellationToken);
        if (claim is null)
        {
            return RunOutcome.Released($"Node {nodes.Self} stopped before job {ticket.JobId}'s other attempt had ended.");
        }

        if (claim.Job is not { } job)
        {
            return RunOutcome.Failed($"Job {ticket.JobId} has no record: it was removed before it ran.");
        }

        if (claim.Attempt is not { } attempt)
        {
            return OutcomeOf(job); // cancelled while queued, or finished by an earlier attempt
        }

        if (!executors.TryGet(job.Executor, out var executor))
        {
            return OutcomeOf(await FailAsync(job.Id, attempt, "executorUnavailable", $"The '{QueueNames.For(job.Executor)}' executor is not available on node {nodes.Self}."));
        }

        IReadOnlyList<object> pieces;
        try
        {
            pieces = job.Spec.Workload.Split(job.Spec.Values, job.Tasks);
        }
        // A workload's Split is its own code (a plugin's, perhaps): whatever it throws fails this job only.
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Splitting job {JobId} ({Workload}) failed", job.Id, job.Workload);
            return OutcomeOf(await FailAsync(job.Id, attempt, "splitFailed", $"Splitting the job into {job.Tasks} pieces failed: {ex.GetBaseException().Message}"));
        }

        using var run = new JobRun();
        // The queue's token fires on shutdown, or when the entry was deleted there (a cancel on another node, the
        // dashboard) or handed to another worker.
        using var queueStop = cancellationToken.Register(() => run.Stop(JobStopReason.Interrupted));
        using var registration = cancellations.Register(job.Id, run);
        var progress = new JobProgress(job, attempt, lifecycle, run, logger);
        try
        {
            var outcomes = await Task.WhenAll(pieces.Select((piece, i) => RunTaskAsync(executor, new TaskPiece(job.Id, i, job.Spec.Workload, piece, job.Gil), progress, run)));
            var reason = run.Reason == JobStopReason.Interrupted ? StopReasonOf(queueJobId ?? job.QueueJobId) : run.Reason;
            if (reason == JobStopReason.Released)
            {
                var released = await WriteEndAsync(job.Id, attempt, "release", () => lifecycle.ReleaseAsync(job.Id, attempt, CancellationToken.None));
                logger.LogInformation("Job {JobId} attempt {Attempt} released by node {Node}", job.Id, attempt, nodes.Self);
                return released is { Status: JobStatus.Queued } || released is null
                    ? RunOutcome.Released($"Node {nodes.Self} gave job {job.Id} back to the queue.")
                    : OutcomeOf(released);
            }

            var final = await WriteEndAsync(job.Id, attempt, "end", () => lifecycle.FinishAsync(job.Id, attempt, j => Finish(j, outcomes, reason), CancellationToken.None));
            return final is { Status: JobStatus.Queued or JobStatus.Running }
                ? RunOutcome.Released($"Job {job.Id} is another attempt's now.") // this attempt was taken over while it ran
                : OutcomeOf(final);
        }
        finally
        {
            if (progress.AnyStarted)
            {
                lifecycle.RunEnded(job.Executor);
            }
        }
    }

    /// <summary>
    /// Writes the end of a run (its final status, or its release), waiting out a storage outage for as long as the node runs:
    /// an end that is not written would leave the job running with nothing running it. The job stays this node's (its
    /// attempt live) meanwhile, so no other node runs it. If the node stops first, the attempt is left to end with the node's
    /// lease: another node then takes the job over as a new attempt. Null only when the job's record is gone.
    /// </summary>
    private async ValueTask<JobState?> WriteEndAsync(Guid jobId, int attempt, string what, Func<ValueTask<JobState?>> write)
    {
        try
        {
            return await new StorageRetry($"Writing the {what} of job {jobId} attempt {attempt}", logger).RunAsync(async () => await write(), lifetime.ApplicationStopped);
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex) || ex is OperationCanceledException)
        {
            logger.LogError("Node {Node} stopped before the {What} of job {JobId} attempt {Attempt} could be written; another node takes the job over once this node's lease has run out", nodes.Self, what, jobId, attempt);
            throw new OperationCanceledException($"The {what} of job {jobId} attempt {attempt} could not be written before node {nodes.Self} stopped.", ex);
        }
    }

    /// <summary>
    /// Claims the job for this node, waiting while another attempt is under way on a live node (a second delivery: that
    /// attempt gives the job up within a cancellation check, or its node's lease runs out). Null when stopped while waiting.
    /// </summary>
    private async Task<JobClaim?> ClaimAsync(Guid jobId, CancellationToken cancellationToken)
    {
        // A claim whose write reached Redis but whose answer was lost is found again on the next try: this node's own
        // attempt that it does not run is not live, so it is taken over as a fresh one.
        var retry = new StorageRetry($"Claiming job {jobId}", logger);
        while (true)
        {
            try
            {
                var claim = await retry.RunAsync(
                    async () => await lifecycle.ClaimAsync(jobId, nodes.Self, attempt => IsLiveAsync(jobId, attempt), CancellationToken.None),
                    cancellationToken);
                if (claim.Attempt is not null || claim.Job is null || claim.Job.Status.IsFinal())
                {
                    return claim;
                }

                await Task.Delay(node.Value.HeartbeatInterval, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }
    }

    /// <summary>An attempt is live while its node's lease is, and, on this node, while this node still runs it (a node restarted under the same name does not).</summary>
    private async ValueTask<bool> IsLiveAsync(Guid jobId, JobAttempt attempt) =>
        attempt.Node == nodes.Self ? cancellations.IsRunning(jobId) : await nodes.IsAliveAsync(attempt.Node, CancellationToken.None);

    /// <summary>Why the queue's token fired, asked once the tasks have stopped: shutdown, a cancel (the entry was deleted), or the entry handed to another worker.</summary>
    private JobStopReason StopReasonOf(string? queueJobId)
    {
        var stopping = lifetime.ApplicationStopping.IsCancellationRequested;
        if (!lifecycle.Store.IsShared)
        {
            return stopping ? JobStopReason.Shutdown : JobStopReason.CancelledByUser;
        }

        return stopping || queueJobId is null || !WasRemoved(queueJobId) ? JobStopReason.Released : JobStopReason.CancelledByUser;
    }

    /// <summary>Whether the queue entry was deleted (a cancel); unknown while the storage is away, and then the job is released rather than taken for cancelled.</summary>
    private bool WasRemoved(string queueJobId)
    {
        try
        {
            return queue.WasRemoved(queueJobId);
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            logger.LogWarning("Whether queue entry {QueueJobId} was deleted is unknown ({Message}); its job is released for another attempt", queueJobId, ex.Message);
            return false;
        }
    }

    private static async Task<TaskOutcome> RunTaskAsync(ITaskExecutor executor, TaskPiece piece, JobProgress progress, JobRun run)
    {
        var outcome = await executor.RunAsync(piece, start => progress.Started(piece.Index, start), run.Token);
        if (outcome.Record.Status == TaskRunStatus.Failed)
        {
            run.Stop(JobStopReason.TaskFailed);
        }

        await progress.EndedAsync(outcome.Record);
        return outcome;
    }

    private JobState Finish(JobState job, TaskOutcome[] outcomes, JobStopReason reason)
    {
        var records = outcomes.Select(o => o.Record).ToArray();
        var ran = records.Where(r => r.Status != TaskRunStatus.NotStarted).ToArray();
        TimeSpan? cpu = ran.Length == 0 || ran.Any(r => r.CpuTime is null)
            ? null
            : ran.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.CpuTime!.Value);
        job = job with { TaskRuns = [.. records], CpuTime = cpu };

        if (outcomes.All(o => o.Record.Status == TaskRunStatus.Succeeded))
        {
            try
            {
                var result = job.Spec.Workload.Combine(job.Spec.Values, [.. outcomes.Select(o => o.Output!)]);
                return job with { Status = JobStatus.Succeeded, Result = JsonSerializer.SerializeToElement(result, WorkloadJson.Options) };
            }
            // Whatever combining throws fails this job only.
            catch (Exception ex)
            {
                logger.LogError(ex, "Combining the results of job {JobId} ({Workload}) failed", job.Id, job.Workload);
                return Failed(job, "combineFailed", $"Combining the task results failed: {ex.Message}");
            }
        }

        var finished = records.Count(r => r.Status == TaskRunStatus.Succeeded);
        return reason switch
        {
            JobStopReason.TaskFailed when records.FirstOrDefault(r => r.Status == TaskRunStatus.Failed) is { } failed =>
                Failed(job, "taskFailed", $"Task {failed.Index} failed {Where(failed)}: {failed.Error}"),
            JobStopReason.TimedOut => job with
            {
                Status = JobStatus.TimedOut,
                Error = new JobError("timedOut", $"The job ran longer than its timeoutMs of {job.TimeoutMs} ms; {finished} of {job.Tasks} tasks had finished."),
            },
            JobStopReason.Shutdown => Failed(job, "shutdown", "The service stopped while the job was running."),
            _ => job with
            {
                Status = JobStatus.Cancelled,
                Error = new JobError("cancelled", $"Cancelled while running; {finished} of {job.Tasks} tasks had finished."),
            },
        };
    }

    private static string Where(TaskRecord task) =>
        task.Worker is { } worker ? $"on {worker.Name} (pid {worker.ProcessId})" : "before it reached a worker";

    /// <summary>The queue's view of a job that has ended.</summary>
    private static RunOutcome OutcomeOf(JobState? job) => job switch
    {
        null => RunOutcome.Failed("The job's record is gone."),
        { Status: JobStatus.Succeeded } => RunOutcome.Succeeded,
        { Status: JobStatus.Cancelled } => RunOutcome.Cancelled(job.Error?.Message ?? "Cancelled."),
        { Status: JobStatus.Failed or JobStatus.TimedOut, Error: { } error } => RunOutcome.Failed($"{error.Code}: {error.Message}"),
        _ => RunOutcome.Failed(job.Status.ToString()),
    };

    private static JobState Failed(JobState job, string code, string message) =>
        job with { Status = JobStatus.Failed, Error = new JobError(code, message) };

    private async Task<JobState?> FailAsync(Guid id, int attempt, string code, string message)
    {
        logger.LogWarning("Job {JobId} failed before it started: {Message}", id, message);
        return await WriteEndAsync(id, attempt, "end", () => lifecycle.FinishAsync(id, attempt, j => Failed(j, code, message), CancellationToken.None));
    }
}
