using Spectre.Console;

namespace ConcurrencyService.Load.Reports;

/// <summary>Shows the final tables on the console and writes report.md, .csv, .json and .html into the output folder.</summary>
public static class ReportPublisher
{
    public static readonly string[] FileNames = ["report.md", "report.csv", "report.json", "report.html"];

    public static async Task PublishAsync(IAnsiConsole console, RunReport report, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        ConsoleSummary.Write(console, report);
        Directory.CreateDirectory(folder);
        string[] contents = [MarkdownReport.Render(report), CsvReport.Render(report), JsonReport.Render(report), HtmlReport.Render(report)];
        for (var i = 0; i < FileNames.Length; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, FileNames[i]), contents[i], cancellationToken);
        }

        console.MarkupLineInterpolated($"Reports: [link]{Path.GetFullPath(folder)}[/] ({string.Join(", ", FileNames)})");
        console.MarkupLine(report.ThresholdsPassed ? "[green]All thresholds met.[/]" : "[red]Thresholds broken.[/]");
    }
}
