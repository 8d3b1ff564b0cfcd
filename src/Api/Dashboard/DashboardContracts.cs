using ConcurrencyService.Core.Executors;
using ConcurrencyService.Experiments;
using ConcurrencyService.Experiments.Claims;
using ConcurrencyService.Experiments.Presets;
using ConcurrencyService.Core.Jobs;
using ConcurrencyService.Api.Metrics;

namespace ConcurrencyService.Api.Dashboard;

/// <summary>Everything the dashboard shows, in one answer, polled once a second.</summary>
/// <param name="Claims">The tutorials' claims as the latest finished run of each preset here decides them; empty until one has finished.</param>
public sealed record DashboardState(
    DateTimeOffset At,
    string Node,
    int Cores,
    IReadOnlyList<DashboardExecutor> Executors,
    IReadOnlyList<DashboardJob> Jobs,
    IReadOnlyList<DashboardExperiment> Experiments,
    IReadOnlyList<PresetInfo> Presets,
    IReadOnlyList<ClaimRow> Claims);

/// <summary>An executor as <c>GET /api/executors</c> describes it, its last minute on this node, and its worker processes' CPU use.</summary>
/// <param name="WorkerCpuPercent">Per worker process id: CPU since the previous poll, in % of one core (Linux; empty elsewhere).</param>
public sealed record DashboardExecutor(ExecutorInfo Info, RecentJobsSummary LastMinute, IReadOnlyDictionary<int, double> WorkerCpuPercent);

/// <summary>One of the latest jobs, with its timings; <see cref="Link"/> is its JSON.</summary>
public sealed record DashboardJob(
    Guid Id,
    string Workload,
    ExecutorKind Executor,
    JobStatus Status,
    int Tasks,
    DateTimeOffset SubmittedAt,
    double? QueueWaitMs,
    double? RunTimeMs,
    double? CpuTimeMs,
    double? EffectiveParallelism,
    string Link)
{
    public static DashboardJob From(JobState job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var timings = JobTimings.From(job);
        return new(job.Id, job.Workload, job.Executor, job.Status, job.Tasks, job.SubmittedAt, timings.QueueWaitMs, timings.RunTimeMs, timings.CpuTimeMs,
            timings.EffectiveParallelism, JobView.JobLinksFor(job).Self);
    }
}

/// <summary>An experiment as its JSON shows it, and where the dashboard draws its chart from (scaling experiments).</summary>
public sealed record DashboardExperiment(ExperimentView Experiment, string? Chart);
