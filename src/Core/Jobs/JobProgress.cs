using ConcurrencyService.Core.Executors;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Core.Jobs;

/// <summary>
/// Records a running job's tasks as they start and end, so a reader sees each running task's worker, pid and start
/// while the job runs. The first start turns the job running and starts its timeout clock.
/// </summary>
internal sealed class JobProgress(JobState job, int attempt, JobLifecycle lifecycle, JobRun run)
{
    private readonly Task?[] _starts = new Task?[job.Tasks];
    private int _anyStarted;

    /// <summary>Called on the worker at the instant task <paramref name="index"/> starts.</summary>
    public void Started(int index, TaskStart start)
    {
        var record = new TaskRecord(index, TaskRunStatus.Running, start.Worker, start.At, null, null, null);
        if (Interlocked.Exchange(ref _anyStarted, 1) == 0)
        {
            run.StopAfter(TimeSpan.FromMilliseconds(job.TimeoutMs) - (MonotonicClock.UtcNow - start.At));
            _starts[index] = MarkRunningAsync(record);
        }
        else
        {
            _starts[index] = lifecycle.RecordTaskAsync(job.Id, attempt, record, CancellationToken.None).AsTask();
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
            await lifecycle.RecordTaskAsync(job.Id, attempt, record, CancellationToken.None);
        }
    }

    private async Task MarkRunningAsync(TaskRecord first)
    {
        if (!await lifecycle.MarkRunningAsync(job.Id, attempt, first, CancellationToken.None))
        {
            run.Stop(JobStopReason.CancelledByUser); // cancelled between dispatch and the first start (or taken over by another node)
        }
    }
}
