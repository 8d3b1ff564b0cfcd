using ConcurrencyService.Load.Scenarios;

namespace ConcurrencyService.Load.Reports;

/// <summary>
/// The comparison table: each job scenario at each worker count, its speedup against the ideal, and a flag on every row
/// whose speedup does not measure the workers (<see cref="HeadlineFlags"/>).
/// </summary>
public static class Headline
{
    public static IReadOnlyList<HeadlineRow> Build(IReadOnlyList<StepResult> steps, int cores)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var rows = new List<HeadlineRow>();
        foreach (var name in ScenarioCatalog.JobScenarios)
        {
            var measured = (from step in steps
                            from result in step.Scenarios
                            where result.Name == name
                            select (Workers: step.WorkersOf(result.Settings.Executor!) ?? 0, Result: result)).OrderBy(m => m.Workers).ToList();
            var baseline = measured.FirstOrDefault(m => m.Workers == 1).Result?.Statistics.OkPerSecond;
            HeadlineRow? baselineRow = null;
            foreach (var (workers, result) in measured)
            {
                var statistics = result.Statistics;
                var kind = result.Settings.Kind!;
                var row = new HeadlineRow(
                    name,
                    kind,
                    result.Settings.Executor!,
                    workers,
                    statistics.OkPerSecond,
                    statistics.EndToEnd.P99,
                    statistics.Failed + statistics.Dropped,
                    statistics.ServerRunTime.Count == 0 ? null : Math.Round(statistics.OkPerSecond * statistics.ServerRunTime.Mean / 1000, 1),
                    baseline is > 0 ? Math.Round(statistics.OkPerSecond / baseline.Value, 2) : null,
                    kind == "CPU" ? Math.Max(1, Math.Min(workers, cores)) : workers,
                    result.Cpu is { Server: not null } cpu ? cpu.Others : null); // a server elsewhere is part of "others"
                baselineRow ??= workers == 1 ? row : null;
                rows.Add(HeadlineFlags.Apply(row, baselineRow));
            }
        }

        return rows;
    }
}
