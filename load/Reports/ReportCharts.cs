using ConcurrencyService.Load.Scenarios;

namespace ConcurrencyService.Load.Reports;

/// <summary>Which charts a report shows, built from its statistics.</summary>
public static class ReportCharts
{
    /// <summary>
    /// Jobs/s as grouped bars. A comparison: one chart per workload kind (IO, CPU), worker counts along the axis,
    /// threads and processes side by side. A single run: one chart, steps along the axis, a bar per job scenario.
    /// </summary>
    public static IEnumerable<string> Throughput(RunReport report)
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
                yield return SvgCharts.Bars(
                    $"{kind}-bound jobs/s — {workload.Workload} {string.Join(", ", workload.Parameters.Select(p => $"{p.Key}={p.Value}"))}",
                    "jobs/s",
                    [.. workers.Select(w => w == 1 ? "1 worker" : $"{w} workers")],
                    executors,
                    [.. workers.Select(w => (IReadOnlyList<double?>)[.. executors.Select(e => rows.FirstOrDefault(r => r.Workers == w && r.Executor == e)?.JobsPerSecond)])]);
            }

            yield break;
        }

        var names = report.Steps.SelectMany(s => s.Scenarios).Select(s => s.Name).Distinct().ToList();
        var jobNames = names.Where(n => ScenarioCatalog.JobScenarios.Contains(n)).ToList();
        var shown = jobNames.Count > 0 ? jobNames : names; // the raw HTTP rate would dwarf the jobs' bars
        yield return SvgCharts.Bars(
            "ok iterations/s by scenario",
            "per second",
            [.. report.Steps.Select(s => s.Name)],
            shown,
            [.. report.Steps.Select(s => (IReadOnlyList<double?>)[.. shown.Select(n => s.Scenarios.FirstOrDefault(r => r.Name == n)?.Statistics.OkPerSecond)])]);
    }

    public static string ThroughputOverTime(ScenarioResult scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var timeline = scenario.Statistics.Timeline;
        List<ChartSeries> series = [new("ok", [.. timeline.Select(p => ((double)p.Second, (double)p.Ok))])];
        if (timeline.Any(p => p.Failed + p.Dropped > 0))
        {
            series.Add(new("failed + dropped", [.. timeline.Select(p => ((double)p.Second, (double)(p.Failed + p.Dropped)))]));
        }

        return SvgCharts.Line($"{scenario.Name}: finished per second", "seconds into the measured run", "per second", series);
    }

    public static string LatencyOverTime(ScenarioResult scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var timeline = scenario.Statistics.Timeline.Where(p => p.Ok > 0).ToList();
        return SvgCharts.Line(
            $"{scenario.Name}: end-to-end latency",
            "seconds into the measured run",
            "ms",
            [
                new("p50", [.. timeline.Select(p => ((double)p.Second, p.P50))]),
                new("p99", [.. timeline.Select(p => ((double)p.Second, p.P99))]),
            ]);
    }
}
