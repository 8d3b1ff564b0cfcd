using ConcurrencyService.Experiments.Charts;

namespace ConcurrencyService.Load.Reports;

/// <summary>
/// One chart of a report, under the heading <see cref="Section"/>; <see cref="FileName"/> (no extension) names its .svg
/// and .png in the report's charts folder.
/// </summary>
public sealed record ReportChart(string Section, string FileName, string Title, ChartImage Image)
{
    public const string Folder = "charts";

    public const string ThroughputSection = "Jobs per second";

    public static string OverTimeSection(string step) => $"{step}: over time";

    public string PngPath => $"{Folder}/{FileName}.png";

    public string SvgPath => $"{Folder}/{FileName}.svg";
}
