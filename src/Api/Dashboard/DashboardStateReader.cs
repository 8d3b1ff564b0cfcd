using ConcurrencyService.Api.Experiments;
using ConcurrencyService.Api.Executors;
using ConcurrencyService.Core.Executors;
using ConcurrencyService.Experiments;
using ConcurrencyService.Experiments.Claims;
using ConcurrencyService.Experiments.Presets;
using ConcurrencyService.Core.Jobs;
using ConcurrencyService.Api.Metrics;
using ConcurrencyService.Core.Queue;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Dashboard;

/// <summary>Reads the dashboard's state from the same services the JSON API answers from.</summary>
public sealed class DashboardStateReader(
    ExecutorRegistry registry,
    JobCounters counters,
    IOptions<QueueOptions> queue,
    IJobStore jobs,
    RetainingStore<Experiment> experiments,
    IExperimentDirectory directory,
    RecentJobs recent,
    ProcessCpu cpu)
{
    public const int MaxJobs = RecentJobs.LatestKept;
    private const int ShownExperiments = 8;

    public async Task<DashboardState> ReadAsync(int jobCount, CancellationToken cancellationToken)
    {
        var executors = new List<DashboardExecutor>();
        foreach (var kind in Enum.GetValues<ExecutorKind>())
        {
            var queued = await jobs.CountAsync(JobStatus.Queued, kind, cancellationToken);
            var info = await ExecutorsApi.DescribeAsync(kind, registry, counters, queued, queue.Value, cancellationToken);
            var processCpu = kind == ExecutorKind.Processes ? cpu.Sample(info.Workers.Select(w => w.ProcessId)) : new Dictionary<int, double>();
            executors.Add(new DashboardExecutor(info, recent.Summarize(kind), processCpu));
        }

        // By id, not by listing: a listing sorts every retained job (up to 200,000), once a second per open page.
        var latest = new List<JobState>();
        foreach (var id in recent.Latest(Math.Clamp(jobCount, 1, MaxJobs)))
        {
            if (await jobs.FindAsync(id, cancellationToken) is { } job)
            {
                latest.Add(job);
            }
        }

        // This node's experiments and, on shared storage, the other nodes' too, as GET /api/experiments lists them.
        var views = (await ExperimentsApi.ListExperiments(experiments, directory, cancellationToken)).Value!;
        return new DashboardState(
            DateTimeOffset.UtcNow,
            Environment.MachineName,
            Environment.ProcessorCount,
            executors,
            [.. latest.Select(DashboardJob.From)],
            [.. views.Take(ShownExperiments).Select(v => new DashboardExperiment(v, v.Kind == ExperimentKind.Scaling ? DashboardApi.ChartPath(v.Id) : null))],
            [.. ExperimentPresets.All.Select(PresetInfo.From)],
            Claims(views));
    }

    /// <summary>The claims as the latest finished run of each preset decides them; presets not run yet leave their claims inconclusive.</summary>
    private static IReadOnlyList<ClaimRow> Claims(IReadOnlyList<ExperimentView> newestFirst)
    {
        var latest = newestFirst
            .Where(v => v.Preset is not null && v.Status.IsFinal())
            .GroupBy(v => v.Preset!)
            .ToDictionary(g => g.Key, g => g.First());
        if (latest.Count == 0)
        {
            return [];
        }

        var notRun = new PresetEvidence(ExperimentStatus.Queued, null, [], null, null);
        PresetEvidence Of(string preset) => latest.TryGetValue(preset, out var view) ? PresetEvidence.From(view) : notRun;
        return ClaimVerdicts.Evaluate(new ClaimsEvidence(
            Environment.ProcessorCount,
            Of(ExperimentPresets.PrimesPool),
            Of(ExperimentPresets.SqrtPerCore),
            Of(ExperimentPresets.StartCost),
            Of(ExperimentPresets.Sleeps),
            Of(ExperimentPresets.Oversubscription),
            Of(ExperimentPresets.Crash)));
    }
}
