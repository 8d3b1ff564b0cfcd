using System.Text.Json;
using ConcurrencyService.Api.Executors;
using ConcurrencyService.Api.Queue;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Api.Jobs;

/// <summary>
/// Runs one job when the queue hands over its ticket: splits it into tasks, hands them to its executor, and records
/// every step. The job turns running when its first task starts on a worker, and its timeout counts from then. The
/// first failing task cancels the rest (fail fast); a cancel, a timeout or shutdown cancels them all. What the job came
/// to is returned as the queue's outcome, so the queue's state agrees with the job's status.
/// </summary>
public sealed class JobRunner(
    JobLifecycle lifecycle,
    ExecutorRegistry executors,
    JobCancellations cancellations,
    IHostApplicationLifetime lifetime,
    ILogger<JobRunner> logger) : IQueueHandler<JobTicket>
{
    public async Task<RunOutcome> RunAsync(JobTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var job = await lifecycle.Store.FindAsync(ticket.JobId, CancellationToken.None);
        if (job is null)
        {
            return RunOutcome.Failed($"Job {ticket.JobId} has no record: it was removed before it ran.");
        }

        if (job.Status != JobStatus.Queued)
        {
            return OutcomeOf(job); // cancelled while queued, or a second delivery of a job already handled
        }

        if (!executors.TryGet(job.Executor, out var executor))
        {
            return OutcomeOf(await FailAsync(job.Id, "executorUnavailable", $"The '{QueueNames.For(job.Executor)}' executor is not available on this instance."));
        }

        using var run = new JobRun();
        // The queue's token fires on shutdown, or when the job was deleted there (the dashboard, another node).
        using var queueStop = cancellationToken.Register(() => run.Stop(lifetime.ApplicationStopping.IsCancellationRequested ? JobStopReason.Shutdown : JobStopReason.CancelledByUser));
        using var registration = cancellations.Register(job.Id, run);
        var pieces = job.Spec.Workload.Split(job.Spec.Values, job.Tasks);
        var progress = new JobProgress(job, lifecycle, run);
        var outcomes = await Task.WhenAll(pieces.Select((piece, i) => RunTaskAsync(executor, new TaskPiece(job.Id, i, job.Spec.Workload, piece, job.Gil), progress, run)));

        var final = await lifecycle.FinishAsync(job.Id, j => Finish(j, outcomes, run.Reason), CancellationToken.None);
        return OutcomeOf(final);
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
#pragma warning disable CA1031 // Whatever combining throws fails this job only.
            catch (Exception ex)
#pragma warning restore CA1031
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

    /// <summary>The queue's view of a job that has ended (or, for a duplicate delivery, of one still in progress).</summary>
    private static RunOutcome OutcomeOf(JobState? job) => job switch
    {
        null => RunOutcome.Failed("The job's record is gone."),
        { Status: JobStatus.Succeeded } => RunOutcome.Succeeded,
        { Status: JobStatus.Cancelled } => RunOutcome.Cancelled(job.Error?.Message ?? "Cancelled."),
        { Status: JobStatus.Failed or JobStatus.TimedOut, Error: { } error } => RunOutcome.Failed($"{error.Code}: {error.Message}"),
        { Status: JobStatus.Failed or JobStatus.TimedOut } => RunOutcome.Failed(job.Status.ToString()),
        _ => RunOutcome.Cancelled($"A second delivery of job {job.Id}, which is {job.Status.ToString().ToLowerInvariant()}; the first run goes on."),
    };

    private static JobState Failed(JobState job, string code, string message) =>
        job with { Status = JobStatus.Failed, Error = new JobError(code, message) };

    private async Task<JobState?> FailAsync(Guid id, string code, string message)
    {
        logger.LogWarning("Job {JobId} failed before it started: {Message}", id, message);
        return await lifecycle.FinishAsync(id, j => Failed(j, code, message), CancellationToken.None);
    }
}
