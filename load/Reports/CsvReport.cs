using System.Globalization;
using System.Text;
using ConcurrencyService.Load.Statistics;

namespace ConcurrencyService.Load.Reports;

/// <summary>report.csv: one row per scenario per step, every statistic in its own column, the environment on every row.</summary>
public static class CsvReport
{
    private static readonly string[] Header =
    [
        "step", "scenario", "workload", "executor", "tasks", "threads_workers", "processes_workers", "load",
        "ok", "failed", "dropped", "measured_s", "ok_per_s", "requests_per_s",
        "submit_p50_ms", "submit_p99_ms", "server_queue_wait_p50_ms", "server_queue_wait_p99_ms", "server_run_time_p50_ms", "server_run_time_p99_ms",
        "min_ms", "mean_ms", "stddev_ms", "p50_ms", "p75_ms", "p90_ms", "p95_ms", "p99_ms", "p999_ms", "max_ms",
        "status_codes", "failures", "cpu_server_cores", "cpu_load_generator_cores", "cpu_others_cores", "cpu_steal_cores", "machine", "cpu", "cores", "os", "runtime", "server",
    ];

    public static string Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        csv.AppendJoin(',', Header).Append('\n');
        var e = report.Environment;
        foreach (var step in report.Steps)
        {
            foreach (var result in step.Scenarios)
            {
                var s = result.Statistics;
                object?[] cells =
                [
                    step.Name, result.Name, result.Settings.Workload, result.Settings.Executor, result.Settings.Tasks,
                    step.WorkersOf("threads"), step.WorkersOf("processes"), result.Load,
                    s.Ok, s.Failed, s.Dropped, s.MeasuredSeconds, s.OkPerSecond, s.RequestsPerSecond,
                    s.Submit.P50, s.Submit.P99, s.ServerQueueWait.P50, s.ServerQueueWait.P99, s.ServerRunTime.P50, s.ServerRunTime.P99,
                    .. Latencies(s.EndToEnd),
                    string.Join(';', s.StatusCodes.Select(c => $"{c.Key}={c.Value}")),
                    string.Join(';', s.Failures.Select(f => $"{f.Reason}={f.Count}")),
                    result.Cpu?.Server, result.Cpu?.LoadGenerator, result.Cpu?.Others, result.Cpu?.Steal,
                    e.Machine, e.Cpu, e.Cores, e.Os, e.Runtime, e.Target,
                ];
                csv.AppendJoin(',', cells.Select(Cell)).Append('\n');
            }
        }

        return csv.ToString();
    }

    private static object[] Latencies(LatencySummary l) => [l.Min, l.Mean, l.StdDev, l.P50, l.P75, l.P90, l.P95, l.P99, l.P999, l.Max];

    private static string Cell(object? value)
    {
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
