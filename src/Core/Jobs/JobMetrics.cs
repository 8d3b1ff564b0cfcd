using System.Diagnostics.Metrics;
using ConcurrencyService.Core.Executors;
using ConcurrencyService.Core.Telemetry;

namespace ConcurrencyService.Core.Jobs;

/// <summary>
/// Jobs submitted and finished (by executor, workload and status), their run time and queue wait, and each executor's
/// running jobs. The job path calls <see cref="Submitted"/> once when a job is stored and
/// <see cref="Finished"/> once when it reaches a final status; the running gauge reads the lifecycle's own counters.
/// </summary>
public sealed class JobMetrics
{
    private readonly Counter<long> _submitted;
    private readonly Counter<long> _finished;
    private readonly Histogram<double> _runTime;
    private readonly Histogram<double> _queueWait;
    private readonly RecentJobs _recent;

    /// <summary>Buckets from a trivial job (about a millisecond) to the longest timeout a job may ask for.</summary>
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    };

    public JobMetrics(ServiceMeter meter, JobCounters counters, RecentJobs recent)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _recent = recent;
        var m = meter.Meter;
        _submitted = m.CreateCounter<long>("concurrency_service.jobs.submitted", "{job}", "Jobs accepted, by executor and workload.");
        _finished = m.CreateCounter<long>("concurrency_service.jobs.finished", "{job}", "Jobs that reached a final status, by executor, workload and status.");
        _runTime = m.CreateHistogram<double>("concurrency_service.job.run_time", "s", "From a job's first task starting to its end, by executor and workload.", advice: Seconds);
        _queueWait = m.CreateHistogram<double>("concurrency_service.job.queue_wait", "s", "From a job's submission to its first task starting, by executor and workload.", advice: Seconds);
        m.CreateObservableGauge("concurrency_service.jobs.running", () => PerExecutor(counters, c => c.Running), "{job}", "Jobs running now.");
    }

    public void Submitted(JobState job)
    {
        ArgumentNullException.ThrowIfNull(job);
        _submitted.Add(1, Executor(job), Workload(job));
        _recent.Submitted(job.Id);
    }

    public void Finished(JobState job)
    {
        ArgumentNullException.ThrowIfNull(job);
        _finished.Add(1, Executor(job), Workload(job), new("status", ServiceMeter.Tag(job.Status)));
        TimeSpan? runTime = job is { StartedAt: { } started, FinishedAt: { } finished } ? finished - started : null;
        if (runTime is { } run)
        {
            _runTime.Record(run.TotalSeconds, Executor(job), Workload(job));
        }

        if (job.StartedAt is { } start)
        {
            _queueWait.Record((start - job.SubmittedAt).TotalSeconds, Executor(job), Workload(job));
        }

        _recent.Add(job.Executor, runTime);
    }

    private static KeyValuePair<string, object?> Executor(JobState job) => new("executor", ServiceMeter.Tag(job.Executor));

    private static KeyValuePair<string, object?> Workload(JobState job) => new("workload", job.Workload);

    private static IEnumerable<Measurement<int>> PerExecutor(JobCounters counters, Func<JobCounters.Counters, int> read) =>
        Enum.GetValues<ExecutorKind>().Select(kind => new Measurement<int>(read(counters.For(kind)), new KeyValuePair<string, object?>("executor", ServiceMeter.Tag(kind))));
}
