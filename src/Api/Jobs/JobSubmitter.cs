using System.Text.Json;
using ConcurrencyService.Api.Executors;
using ConcurrencyService.Api.Queue;
using ConcurrencyService.Contracts;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Timing;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Jobs;

/// <summary>Admits a validated job against its queue's capacity, records it, then queues it.</summary>
public sealed class JobSubmitter(JobLifecycle lifecycle, IJobQueue queue, ExecutorStatistics statistics, IOptions<QueueOptions> options)
{
    /// <summary>The stored job, or null when the executor's queue is full.</summary>
    public async Task<JobState?> SubmitAsync(ValidatedJob request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var counters = statistics.For(request.Executor);
        if (!counters.TryAdmit(options.Value.Capacity))
        {
            return null;
        }

        var job = new JobState
        {
            Id = Guid.CreateVersion7(),
            Workload = request.Workload.Name,
            Parameters = JsonSerializer.SerializeToElement(request.Parameters.ToJson(), WorkloadJson.Options),
            Executor = request.Executor,
            Tasks = request.Tasks,
            TimeoutMs = request.TimeoutMs,
            Gil = request.Gil,
            SubmittedAt = MonotonicClock.UtcNow,
        };

        try
        {
            await lifecycle.Store.AddAsync(job, cancellationToken);
        }
        catch
        {
            counters.Unadmit();
            throw;
        }

        // Once stored, the job is accepted: queue it even if the client has gone away meanwhile.
        try
        {
            await queue.EnqueueAsync(new RunJob(job.Id, job.Executor.ToString().ToLowerInvariant()), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Never leave a job queued that no queue holds: it would wait forever.
            await lifecycle.FinishAsync(job.Id, j => j with { Status = JobStatus.Failed, Error = new JobError("queueUnavailable", $"The job could not be queued: {ex.Message}") }, CancellationToken.None);
            throw;
        }

        return job;
    }
}
