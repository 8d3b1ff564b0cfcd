using System.Net;
using System.Text;

namespace ConcurrencyService.Load.Reports;

/// <summary>
/// report.html: one self-contained file — inline CSS, the charts as SVG data URIs (each its own document, so their ids
/// cannot clash), no script, no font, no CDN — so it opens offline, from a CI artifact or an e-mail attachment alike.
/// </summary>
public static class HtmlReport
{
    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1240px;color:#222;padding:0 16px}
        h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}h3{font-size:15px}
        table{border-collapse:collapse;margin:8px 0 16px;font-size:13px;display:block;overflow-x:auto;max-width:100%}td,th{border:1px solid #ddd;padding:3px 7px;text-align:left;white-space:nowrap}
        td.num{text-align:right}th{background:#f4f4f4}.fail{color:#b00;font-weight:bold}
        .charts{display:flex;flex-wrap:wrap;gap:8px}.chart{border:1px solid #eee;background:#fff;max-width:100%}
        """;

    public static string Render(RunReport report, IReadOnlyList<ReportChart> charts)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(charts);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Escape(report.Title)).Append("</title><style>")
            .Append(Style).Append("</style></head><body>");
        html.Append("<h1>").Append(Escape(report.Title)).Append("</h1>");
        html.Append("<p>").Append(Escape(ReportTables.HowToRead)).Append("</p>");
        foreach (var warning in ReportTables.Warnings(report))
        {
            html.Append("<p class=\"fail\">").Append(Escape(warning)).Append("</p>");
        }

        var sections = ReportCharts.Sections(charts).ToList();
        Charts(html, sections.Where(s => s.Key == ReportChart.ThroughputSection));
        foreach (var table in MarkdownReport.Tables(report))
        {
            Table(html, table);
        }

        Charts(html, sections.Where(s => s.Key != ReportChart.ThroughputSection));
        return html.Append("</body></html>").ToString();
    }

    private static void Charts(StringBuilder html, IEnumerable<IGrouping<string, ReportChart>> sections)
    {
        foreach (var section in sections)
        {
            html.Append("<h2>").Append(Escape(section.Key)).Append("</h2><div class=\"charts\">");
            foreach (var chart in section)
            {
                html.Append("<img class=\"chart\" alt=\"").Append(Escape(chart.Title)).Append("\" src=\"data:image/svg+xml;base64,")
                    .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(chart.Image.Svg))).Append("\">");
            }

            html.Append("</div>");
        }
    }

    private static void Table(StringBuilder html, TextTable table)
    {
        html.Append("<h2>").Append(Escape(table.Title)).Append("</h2><table><tr>");
        foreach (var header in table.Header)
        {
            html.Append("<th>").Append(Escape(header)).Append("</th>");
        }

        html.Append("</tr>");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append(cell == "FAIL" ? "<td class=\"fail\">" : IsNumber(cell) ? "<td class=\"num\">" : "<td>").Append(Escape(cell)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
    }

    // Figures ("12.5 ms", "1.90×", "—") align right; words align left.
    private static bool IsNumber(string cell) => cell.Length > 0 && (char.IsAsciiDigit(cell[0]) || cell == "—");

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
