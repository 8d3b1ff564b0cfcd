using System.Globalization;
using ConcurrencyService.Load.Statistics;

namespace ConcurrencyService.Load.Reports;

/// <summary>The report's tables, formatted once for every human-readable format.</summary>
public static class ReportTables
{
    public const string HowToRead =
        "Latency (min … max) is end-to-end — submit, then long-poll until the job is final — of ok iterations, measured from each " +
        "iteration's start (in the open model its intended start, so a slow service can't hide its delays). Server queue and run " +
        "are the jobs' own timings as the service reports them. Warm-up is excluded; ok/s divides ok iterations by the measured time.";

    public static TextTable Environment(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var e = report.Environment;
        return new TextTable("Environment", ["", ""],
        [
            ["machine", e.Machine],
            ["CPU", e.Cpu],
            ["cores", Int(e.Cores)],
            ["OS", e.Os],
            [".NET", e.Runtime],
            ["server", e.Target],
            ["started", report.StartedAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)],
            ["took", $"{Num(report.DurationSeconds, "0")} s"],
            ["command", report.Command],
        ]);
    }

    public static TextTable Headline(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new TextTable(
            "Headline: jobs/s and p99 by worker count",
            ["scenario", "workers", "jobs/s", "p99", "failed", "jobs at once", "speedup vs 1 worker", "ideal", "flag", "others' CPU"],
            [.. report.Headline.Select(r => (IReadOnlyList<string>)
            [
                r.Scenario,
                Int(r.Workers),
                Num(r.JobsPerSecond, "0.0"),
                Ms(r.P99Ms),
                Int(r.Failed),
                r.AtOnce is { } a ? Num(a, "0.0") : "—",
                r.Speedup is { } s ? $"{Num(s, "0.00")}×" : "—",
                r.Ideal is { } i ? $"{Int(i)}×" : "—",
                Reports.HeadlineFlags.Short(r) is { Length: > 0 } flag ? flag : "—",
                r.OthersCpu is { } o ? $"{Num(o, "0.00")} cores" : "—",
            ])]);
    }

    public static TextTable Summary(StepResult step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new TextTable(
            $"{step.Name} ({step.DescribeWorkers()})",
            ["scenario", "ok", "failed", "dropped", "ok/s", "req/s", "submit p50", "submit p99", "server queue p50", "server run p50", "min", "mean", "stddev", "p50", "p75", "p90", "p95", "p99", "p99.9", "max"],
            [.. step.Scenarios.Select(s => SummaryRow(s.Name, s.Statistics))]);
    }

    public static TextTable Settings(StepResult step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new TextTable(
            $"{step.Name}: scenario settings",
            ["scenario", "what an iteration does", "load", "CPU used meanwhile (cores)"],
            [.. step.Scenarios.Select(s => (IReadOnlyList<string>)[s.Name, s.Settings.Description, s.Load, Cpu(s.Cpu)])]);
    }

    public static TextTable Outcomes(StepResult step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new TextTable(
            $"{step.Name}: status codes and failures",
            ["scenario", "status codes", "failures"],
            [.. step.Scenarios.Select(s => (IReadOnlyList<string>)
            [
                s.Name,
                string.Join(", ", s.Statistics.StatusCodes.Select(c => $"{c.Key}: {Int(c.Value)}")),
                s.Statistics.Failures.Count == 0 ? "none" : string.Join("; ", s.Statistics.Failures.Select(Failure)),
            ])]);
    }

    /// <summary>Each node's share of each scenario, for a run over several nodes.</summary>
    public static TextTable Nodes(StepResult step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new TextTable(
            $"{step.Name}: per node",
            ["scenario", "node", "ok", "failed", "ok/s", "p50", "p99", "max"],
            [.. step.Scenarios.SelectMany(s => (s.Statistics.Nodes ?? []).Select(n => (IReadOnlyList<string>)
            [
                s.Name, n.Node, Int(n.Ok), Int(n.Failed), Num(n.OkPerSecond, "0.0"), Ms(n.EndToEnd.P50), Ms(n.EndToEnd.P99), Ms(n.EndToEnd.Max),
            ]))]);
    }

    public static bool HasNodes(StepResult step) => step?.Scenarios.Any(s => s.Statistics.Nodes is not null) ?? false;

    public static TextTable Thresholds(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new TextTable(
            "Thresholds",
            ["rule", "step", "scenario", "actual", "result"],
            [.. report.Thresholds.Select(t => (IReadOnlyList<string>)[t.Rule, t.Step, t.Scenario, t.Actual, t.Passed ? "pass" : "FAIL"])]);
    }

    public static string Ms(double ms) => ms >= 1000 ? $"{Num(ms / 1000, "0.00")} s" : $"{Num(ms, ms < 10 ? "0.00" : "0.0")} ms";

    public static string Num(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static IReadOnlyList<string> SummaryRow(string name, ScenarioStatistics s) =>
    [
        name, Int(s.Ok), Int(s.Failed), Int(s.Dropped), Num(s.OkPerSecond, "0.0"), Num(s.RequestsPerSecond, "0.0"),
        Optional(s.Submit, l => l.P50), Optional(s.Submit, l => l.P99), Optional(s.ServerQueueWait, l => l.P50), Optional(s.ServerRunTime, l => l.P50),
        Ms(s.EndToEnd.Min), Ms(s.EndToEnd.Mean), Ms(s.EndToEnd.StdDev), Ms(s.EndToEnd.P50), Ms(s.EndToEnd.P75),
        Ms(s.EndToEnd.P90), Ms(s.EndToEnd.P95), Ms(s.EndToEnd.P99), Ms(s.EndToEnd.P999), Ms(s.EndToEnd.Max),
    ];

    /// <summary>Warnings a reader must see before trusting the figures: a machine shared with other work, and each flagged comparison row.</summary>
    public static IEnumerable<string> Warnings(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var disturbed = (from step in report.Steps
                         from s in step.Scenarios
                         where s.Cpu is { Server: not null } and ({ Others: > SharedMachineCores } or { Steal: > SharedMachineCores })
                         orderby s.Cpu!.Others + s.Cpu.Steal descending
                         select $"{s.Name} ({step.Name}): {Num(s.Cpu!.Others + s.Cpu.Steal, "0.00")} cores").ToList();
        if (disturbed.Count > 0)
        {
            yield return $"The machine was shared: other processes (or the hypervisor) used CPU during {disturbed.Count} scenario run(s), most during " +
                string.Join("; ", disturbed.Take(4)) + ". Those figures are disturbed; run again on a quiet machine to compare them.";
        }

        foreach (var row in report.Headline.Where(r => r.Note is not null))
        {
            yield return $"⚑ {row.Note}";
        }
    }

    private const double SharedMachineCores = 0.15;

    private static string Cpu(Running.CpuUse? cpu) => cpu is null
        ? "—"
        : $"server {(cpu.Server is { } s ? Num(s, "0.00") : "n/a")}, load generator {Num(cpu.LoadGenerator, "0.00")}, others {Num(cpu.Others, "0.00")}";

    private static string Optional(LatencySummary latency, Func<LatencySummary, double> pick) => latency.Count == 0 ? "—" : Ms(pick(latency));

    private static string Failure(FailureCount f) => $"{f.Reason} × {Int(f.Count)}" + (f.Example is null ? "" : $" (e.g. {f.Example})");
}
