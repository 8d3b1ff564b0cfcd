using System.Text.Json;
using ConcurrencyService.Core.Executors;
using ConcurrencyService.Core.Queue;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Timing;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Core.Jobs;

/// <summary>
/// Admits a validated job against its queue's capacity and records it, in one step of the store (so the capacity holds over
/// every node sharing it), then queues its ticket.
/// </summary>
public sealed class JobSubmitter(JobLifecycle lifecycle, IJobQueue queue, IOptions<QueueOptions> options, ILogger<JobSubmitter> logger, JobMetrics metrics)
{
    /// <summary>The stored job, or null when the executor's queue is full.</summary>
    public async Task<JobState?> SubmitAsync(ValidatedJob request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var job = new JobState
        {
            Id = Guid.CreateVersion7(),
            Workload = request.Workload.Name,
            Parameters = JsonSerializer.SerializeToElement(request.Parameters.ToJson(), WorkloadJson.Options),
            Spec = new JobSpec(request.Workload, request.Parameters),
            Executor = request.Executor,
            Tasks = request.Tasks,
            TimeoutMs = request.TimeoutMs,
            Gil = request.Gil,
            SubmittedAt = MonotonicClock.UtcNow,
            TaskRuns = [.. Enumerable.Range(0, request.Tasks).Select(i => new TaskRecord(i, TaskRunStatus.Queued, null, null, null, null, null))],
        };

        if (!await lifecycle.Store.TryAddAsync(job, options.Value.Capacity, cancellationToken))
        {
            return null;
        }

        metrics.Submitted(job);

        // Once stored, the job is accepted: queue it even if the client has gone away meanwhile.
        string queueJobId;
        try
        {
            queueJobId = queue.Enqueue(new JobTicket(job.Id, job.Executor, job.Workload, job.Tasks));
        }
        catch (Exception ex)
        {
            // Never leave a job queued that no queue holds: it would wait forever. The caller answers with an error, so the job is not accepted.
            await lifecycle.FinishAsync(job.Id, null, j => j with { Status = JobStatus.Failed, Error = new JobError("queueUnavailable", $"The job could not be queued: {ex.Message}") }, CancellationToken.None);
            throw;
        }

        try
        {
            await lifecycle.SetQueueJobIdAsync(job.Id, queueJobId, CancellationToken.None);
        }
        // The job is queued and will run: losing the note of its queue id only costs its dashboard link.
        catch (Exception ex)
        {
            logger.LogWarning("Job {JobId} is queued as {QueueJobId}, but its record could not note that: {Message}", job.Id, queueJobId, ex.Message);
        }

        return job with { QueueJobId = queueJobId };
    }
}
