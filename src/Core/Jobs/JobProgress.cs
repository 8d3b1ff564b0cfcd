using ConcurrencyService.Core.Executors;
using ConcurrencyService.Core.Storage;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Core.Jobs;

/// <summary>
/// Records a running job's tasks as they start and end, so a reader sees each running task's worker, pid and start
/// while the job runs. The first start turns the job running and starts its timeout clock. These records are progress
/// only: one that cannot be written (the storage away) is skipped with a warning and the run goes on, since the job's end
/// carries every task's record and is written however long the storage takes to come back.
/// </summary>
internal sealed class JobProgress(JobState job, int attempt, JobLifecycle lifecycle, JobRun run, ILogger logger)
{
    private readonly Task?[] _starts = new Task?[job.Tasks];
    private int _anyStarted;

    /// <summary>True once a task has started (the run is counted as running until it ends).</summary>
    public bool AnyStarted => Volatile.Read(ref _anyStarted) == 1;

    /// <summary>Called on the worker at the instant task <paramref name="index"/> starts.</summary>
    public void Started(int index, TaskStart start)
    {
        var record = new TaskRecord(index, TaskRunStatus.Running, start.Worker, start.At, null, null, null);
        if (Interlocked.Exchange(ref _anyStarted, 1) == 0)
        {
            lifecycle.RunStarted(job.Executor);
            run.StopAfter(TimeSpan.FromMilliseconds(job.TimeoutMs) - (MonotonicClock.UtcNow - start.At));
            _starts[index] = MarkRunningAsync(record);
        }
        else
        {
            _starts[index] = RecordAsync(record);
        }
    }

    /// <summary>A task has ended: its start is on record first, and with more than one task its end too, while the others run.</summary>
    public async Task EndedAsync(TaskRecord record)
    {
        if (_starts[record.Index] is { } start)
        {
            await start;
        }

        if (job.Tasks > 1)
        {
            await RecordAsync(record);
        }
    }

    private async Task MarkRunningAsync(TaskRecord first)
    {
        try
        {
            if (!await lifecycle.MarkRunningAsync(job.Id, attempt, first, CancellationToken.None))
            {
                run.Stop(JobStopReason.CancelledByUser); // cancelled between dispatch and the first start (or taken over by another node)
            }
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            logger.LogWarning("Job {JobId} attempt {Attempt} started, but its start could not be written ({Message}); it runs on", job.Id, attempt, ex.Message);
        }
    }

    private async Task RecordAsync(TaskRecord task)
    {
        try
        {
            await lifecycle.RecordTaskAsync(job.Id, attempt, task, CancellationToken.None);
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            logger.LogDebug("Task {Index} of job {JobId} could not be recorded ({Message}); the job's end records it", task.Index, job.Id, ex.Message);
        }
    }
}
