using Spectre.Console;

namespace ConcurrencyService.Load.Reports;

/// <summary>The final tables on the console. The per-step summary keeps the columns that fit a terminal; the files have all.</summary>
public static class ConsoleSummary
{
    private static readonly string[] SummaryColumns = ["scenario", "ok", "failed", "dropped", "ok/s", "req/s", "server run p50", "p50", "p90", "p99", "p99.9", "max"];

    public static void Write(IAnsiConsole console, RunReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        foreach (var step in report.Steps)
        {
            Render(console, Narrow(ReportTables.Summary(step)));
            var outcomes = ReportTables.Outcomes(step);
            if (step.Scenarios.Any(s => s.Statistics.Failures.Count > 0))
            {
                Render(console, outcomes);
            }

            if (ReportTables.HasNodes(step))
            {
                Render(console, ReportTables.Nodes(step));
            }
        }

        if (report.Headline.Count > 0)
        {
            Render(console, ReportTables.Headline(report));
        }

        if (report.Thresholds.Count > 0)
        {
            Render(console, ReportTables.Thresholds(report));
        }

        foreach (var warning in ReportTables.Warnings(report))
        {
            console.MarkupLineInterpolated($"[yellow]{warning}[/]");
        }
    }

    private static TextTable Narrow(TextTable table)
    {
        var keep = SummaryColumns.Select(c => table.Header.ToList().IndexOf(c)).ToList();
        return table with { Header = SummaryColumns, Rows = [.. table.Rows.Select(r => (IReadOnlyList<string>)[.. keep.Select(i => r[i])])] };
    }

    private static void Render(IAnsiConsole console, TextTable source)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(source.Title)), Border = TableBorder.Rounded };
        foreach (var header in source.Header)
        {
            var first = header == source.Header[0];
            table.AddColumn(new TableColumn(Markup.Escape(header)) { Alignment = first ? Justify.Left : Justify.Right, NoWrap = first });
        }

        foreach (var row in source.Rows)
        {
            table.AddRow([.. row.Select(c => c == "FAIL" ? "[red]FAIL[/]" : Markup.Escape(c))]);
        }

        console.Write(table);
    }
}
