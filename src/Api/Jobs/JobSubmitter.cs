using System.Text.Json;
using ConcurrencyService.Api.Executors;
using ConcurrencyService.Api.Queue;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Timing;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Jobs;

/// <summary>Admits a validated job against its queue's capacity, records it, then queues its ticket.</summary>
public sealed class JobSubmitter(JobLifecycle lifecycle, IJobQueue queue, JobCounters counters, IOptions<QueueOptions> options)
{
    /// <summary>The stored job, or null when the executor's queue is full.</summary>
    public async Task<JobState?> SubmitAsync(ValidatedJob request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var executorCounters = counters.For(request.Executor);
        if (!executorCounters.TryAdmit(options.Value.Capacity))
        {
            return null;
        }

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

        try
        {
            await lifecycle.Store.AddAsync(job, cancellationToken);
        }
        catch
        {
            executorCounters.Unadmit();
            throw;
        }

        // Once stored, the job is accepted: queue it even if the client has gone away meanwhile.
        try
        {
            var queueJobId = queue.Enqueue(new JobTicket(job.Id, job.Executor, job.Workload, job.Tasks));
            await lifecycle.SetQueueJobIdAsync(job.Id, queueJobId, CancellationToken.None);
            return job with { QueueJobId = queueJobId };
        }
        catch (Exception ex)
        {
            // Never leave a job queued that no queue holds: it would wait forever.
            await lifecycle.FinishAsync(job.Id, j => j with { Status = JobStatus.Failed, Error = new JobError("queueUnavailable", $"The job could not be queued: {ex.Message}") }, CancellationToken.None);
            throw;
        }
    }
}
