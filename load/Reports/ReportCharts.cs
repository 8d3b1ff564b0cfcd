using System.Text.RegularExpressions;
using ConcurrencyService.Experiments.Charts;
using ConcurrencyService.Load.Scenarios;
using ScottPlot;

namespace ConcurrencyService.Load.Reports;

/// <summary>Which charts a report shows, built from its statistics, drawn with the service's own chart look.</summary>
public static partial class ReportCharts
{
    private const int Width = 640;
    private const int Height = 300;

    /// <summary>Every chart in reading order: jobs per second, then each step's scenarios over time.</summary>
    public static IReadOnlyList<ReportChart> All(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        List<ReportChart> charts = [.. Throughput(report)];
        foreach (var step in report.Steps)
        {
            foreach (var scenario in step.Scenarios)
            {
                charts.Add(ThroughputOverTime(step, scenario));
                charts.Add(LatencyOverTime(step, scenario));
            }
        }

        return charts;
    }

    /// <summary>The charts under their headings, in reading order.</summary>
    public static IEnumerable<IGrouping<string, ReportChart>> Sections(IReadOnlyList<ReportChart> charts) =>
        charts.GroupBy(c => c.Section);

    /// <summary>
    /// Jobs/s as grouped bars. A comparison: one chart per workload kind (IO, CPU), worker counts along the axis,
    /// threads and processes side by side. A single run: one chart, steps along the axis, a bar per job scenario.
    /// </summary>
    public static IEnumerable<ReportChart> Throughput(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Headline.Count > 0)
        {
            string[] executors = ["threads", "processes"];
            foreach (var kind in report.Headline.Select(r => r.Kind).Distinct())
            {
                var rows = report.Headline.Where(r => r.Kind == kind).ToList();
                var workers = rows.Select(r => r.Workers).Distinct().Order().ToList();
                var workload = report.Steps.SelectMany(s => s.Scenarios).First(s => s.Settings.Kind == kind).Settings;
                var flagged = rows.Where(r => r.Flags is { Count: > 0 }).Select(r => r.Workers).Distinct().Order().ToList();
                var title = $"{kind}-bound jobs/s — {workload.Workload} {string.Join(", ", workload.Parameters.Select(p => $"{p.Key}={p.Value}"))}" +
                    (flagged.Count == 0 ? "" : $" — FLAGGED, not the workers' speed at {string.Join(", ", flagged)} worker(s): see the flags");
                yield return Draw(ReportChart.ThroughputSection, $"jobs-per-second-{kind}", title, Charts.Bars(
                    title,
                    "jobs/s",
                    [.. workers.Select(w => w == 1 ? "1 worker" : $"{w} workers")],
                    executors,
                    [.. workers.Select(w => (IReadOnlyList<double?>)[.. executors.Select(e => rows.FirstOrDefault(r => r.Workers == w && r.Executor == e)?.JobsPerSecond)])]));
            }

            yield break;
        }

        var names = report.Steps.SelectMany(s => s.Scenarios).Select(s => s.Name).Distinct().ToList();
        var jobNames = names.Where(n => ScenarioCatalog.JobScenarios.Contains(n)).ToList();
        var shown = jobNames.Count > 0 ? jobNames : names; // the raw HTTP rate would dwarf the jobs' bars
        const string Title = "ok iterations/s by scenario";
        yield return Draw(ReportChart.ThroughputSection, "ok-per-second", Title, Charts.Bars(
            Title,
            "per second",
            [.. report.Steps.Select(s => s.Name)],
            shown,
            [.. report.Steps.Select(s => (IReadOnlyList<double?>)[.. shown.Select(n => s.Scenarios.FirstOrDefault(r => r.Name == n)?.Statistics.OkPerSecond)])]));
    }

    public static ReportChart ThroughputOverTime(StepResult step, ScenarioResult scenario)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(scenario);
        var timeline = scenario.Statistics.Timeline;
        List<LineSeries> series = [new("ok", [.. timeline.Select(p => ((double)p.Second, (double)p.Ok))])];
        if (timeline.Any(p => p.Failed + p.Dropped > 0))
        {
            series.Add(new("failed + dropped", [.. timeline.Select(p => ((double)p.Second, (double)(p.Failed + p.Dropped)))]));
        }

        var title = $"{scenario.Name}: finished per second";
        return Draw(ReportChart.OverTimeSection(step.Name), $"{Slug(step.Name)}-{Slug(scenario.Name)}-per-second", title, Charts.Line(title, "seconds into the measured run", "per second", series));
    }

    public static ReportChart LatencyOverTime(StepResult step, ScenarioResult scenario)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(scenario);
        var timeline = scenario.Statistics.Timeline.Where(p => p.Ok > 0).ToList();
        var title = $"{scenario.Name}: end-to-end latency";
        return Draw(ReportChart.OverTimeSection(step.Name), $"{Slug(step.Name)}-{Slug(scenario.Name)}-latency", title, Charts.Line(
            title,
            "seconds into the measured run",
            "ms",
            [
                new("p50", [.. timeline.Select(p => ((double)p.Second, p.P50))]),
                new("p99", [.. timeline.Select(p => ((double)p.Second, p.P99))]),
            ]));
    }

    private static ReportChart Draw(string section, string fileName, string title, Plot plot)
    {
        using (plot)
        {
            return new ReportChart(section, fileName, title, ChartLook.Render(plot, Width, Height));
        }
    }

    /// <summary>A file-name-safe form of a step or scenario name: <c>2 workers</c> → <c>2-workers</c>.</summary>
    internal static string Slug(string name) => NotSlug().Replace(name.ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex("[^a-z0-9.]+")]
    private static partial Regex NotSlug();
}
