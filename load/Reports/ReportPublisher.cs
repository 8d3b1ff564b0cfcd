using Spectre.Console;

namespace ConcurrencyService.Load.Reports;

/// <summary>
/// Shows the final tables on the console and writes report.md, .csv, .json and .html into the output folder, with each
/// chart as SVG and PNG in its charts folder (report.md shows the PNGs; report.html carries the SVGs inside itself).
/// </summary>
public static class ReportPublisher
{
    public static readonly string[] FileNames = ["report.md", "report.csv", "report.json", "report.html"];

    public static async Task PublishAsync(IAnsiConsole console, RunReport report, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        ConsoleSummary.Write(console, report);
        Directory.CreateDirectory(Path.Combine(folder, ReportChart.Folder));
        var charts = ReportCharts.All(report);
        foreach (var chart in charts)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, chart.SvgPath), chart.Image.Svg, cancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(folder, chart.PngPath), chart.Image.Png, cancellationToken);
        }

        string[] contents = [MarkdownReport.Render(report, charts), CsvReport.Render(report), JsonReport.Render(report), HtmlReport.Render(report, charts)];
        for (var i = 0; i < FileNames.Length; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, FileNames[i]), contents[i], cancellationToken);
        }

        console.MarkupLineInterpolated($"Reports: [link]{Path.GetFullPath(folder)}[/] ({string.Join(", ", FileNames)}, {charts.Count} charts in {ReportChart.Folder}/)");
        console.MarkupLine(report.ThresholdsPassed ? "[green]All thresholds met.[/]" : "[red]Thresholds broken.[/]");
    }
}
