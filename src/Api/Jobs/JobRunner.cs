using System.Text.Json;
using System.Text.Json.Nodes;
using ConcurrencyService.Api.Executors;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Parameters;
using ConcurrencyService.Workloads.Timing;

using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.Api.Jobs;

/// <summary>
/// Runs one job: splits it into tasks, hands them to its executor, and records the outcome. The job turns
/// running when its first task starts on a worker, and its timeout counts from then. The first failing
/// task cancels the rest (fail fast); a cancel, a timeout or shutdown cancels them all.
/// </summary>
public sealed class JobRunner(
    JobLifecycle lifecycle,
    ExecutorRegistry executors,
    WorkloadCatalog catalog,
    JobCancellations cancellations,
    ILogger<JobRunner> logger)
{
    public async Task RunAsync(Guid jobId, CancellationToken shutdown)
    {
        var job = await lifecycle.Store.FindAsync(jobId, shutdown);
        if (job is not { Status: JobStatus.Queued })
        {
            return; // cancelled while queued, pruned, or a redelivery of a job already handled
        }

        if (!executors.TryGet(job.Executor, out var executor))
        {
            await FailAsync(job.Id, "executorUnavailable", $"The '{job.Executor}' executor is not available on this instance.");
            return;
        }

        if (!catalog.TryGet(job.Workload, out var workload)
            || ParameterBinder.Bind(workload, JsonNode.Parse(job.Parameters.GetRawText())?.AsObject()) is not { Values: { } values })
        {
            await FailAsync(job.Id, "invalidJob", $"The job's workload '{job.Workload}' or its parameters are not valid on this instance.");
            return;
        }

        using var run = new JobRun(shutdown);
        using var registration = cancellations.Register(job.Id, run);
        var firstStart = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pieces = workload.Split(values, job.Tasks);
        var tasks = pieces
            .Select((piece, i) => RunTaskAsync(executor, new TaskPiece(job.Id, i, workload, piece, job.Gil), at => firstStart.TrySetResult(at), run))
            .ToArray();
        var all = Task.WhenAll(tasks);

        IDisposable? timeout = null;
        if (await Task.WhenAny(firstStart.Task, all) == firstStart.Task)
        {
            var startedAt = firstStart.Task.Result;
            if (await lifecycle.MarkRunningAsync(job.Id, startedAt, CancellationToken.None))
            {
                timeout = run.StopAfter(TimeSpan.FromMilliseconds(job.TimeoutMs) - (MonotonicClock.UtcNow - startedAt));
            }
            else
            {
                run.Stop(JobStopReason.CancelledByUser); // cancelled between dispatch and the first start
            }
        }

        var outcomes = await all;
        timeout?.Dispose();
        await lifecycle.FinishAsync(job.Id, j => Finish(j, workload, values, outcomes, run.Reason), CancellationToken.None);
    }

    private static async Task<TaskOutcome> RunTaskAsync(ITaskExecutor executor, TaskPiece piece, Action<DateTimeOffset> started, JobRun run)
    {
        var outcome = await executor.RunAsync(piece, started, run.Token);
        if (outcome.Record.Status == TaskRunStatus.Failed)
        {
            run.Stop(JobStopReason.TaskFailed);
        }

        return outcome;
    }

    private JobState Finish(JobState job, IWorkload workload, ParameterValues values, TaskOutcome[] outcomes, JobStopReason reason)
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
                var result = workload.Combine(values, [.. outcomes.Select(o => o.Output!)]);
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
                Failed(job, "taskFailed", $"Task {failed.Index} failed on {failed.Worker?.Name} (pid {failed.Worker?.ProcessId}): {failed.Error}"),
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

    private static JobState Failed(JobState job, string code, string message) =>
        job with { Status = JobStatus.Failed, Error = new JobError(code, message) };

    private async Task FailAsync(Guid id, string code, string message)
    {
        logger.LogWarning("Job {JobId} failed before it started: {Message}", id, message);
        await lifecycle.FinishAsync(id, j => Failed(j, code, message), CancellationToken.None);
    }
}
