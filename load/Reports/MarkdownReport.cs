using System.Text;

namespace ConcurrencyService.Load.Reports;

/// <summary>report.md: the environment, the headline, each step's tables and the thresholds, then the charts (their PNGs).</summary>
public static class MarkdownReport
{
    public static string Render(RunReport report, IReadOnlyList<ReportChart> charts)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(charts);
        var md = new StringBuilder();
        md.Append("# ").AppendLine(report.Title).AppendLine();
        md.AppendLine(ReportTables.HowToRead).AppendLine();
        foreach (var warning in ReportTables.Warnings(report))
        {
            md.Append("> **Warning:** ").AppendLine(warning).AppendLine();
        }

        foreach (var table in Tables(report))
        {
            Append(md, table);
        }

        foreach (var section in ReportCharts.Sections(charts))
        {
            md.Append("## ").AppendLine(section.Key).AppendLine();
            foreach (var chart in section)
            {
                md.Append("![").Append(chart.Title).Append("](").Append(chart.PngPath).Append(") ");
            }

            md.AppendLine().AppendLine();
        }

        return md.ToString();
    }

    /// <summary>Every table of the report in reading order.</summary>
    public static IEnumerable<TextTable> Tables(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        yield return ReportTables.Environment(report);
        if (report.Headline.Count > 0)
        {
            yield return ReportTables.Headline(report);
        }

        foreach (var step in report.Steps)
        {
            yield return ReportTables.Summary(step);
            yield return ReportTables.Settings(step);
            yield return ReportTables.Outcomes(step);
            if (ReportTables.HasNodes(step))
            {
                yield return ReportTables.Nodes(step);
            }
        }

        if (report.Thresholds.Count > 0)
        {
            yield return ReportTables.Thresholds(report);
        }
    }

    private static void Append(StringBuilder md, TextTable table)
    {
        md.Append("## ").AppendLine(table.Title).AppendLine();
        md.Append("| ").AppendJoin(" | ", table.Header.Select(Cell)).AppendLine(" |");
        md.Append('|').AppendJoin("|", table.Header.Select(_ => "---")).AppendLine("|");
        foreach (var row in table.Rows)
        {
            md.Append("| ").AppendJoin(" | ", row.Select(Cell)).AppendLine(" |");
        }

        md.AppendLine();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
