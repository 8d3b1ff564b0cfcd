using ScottPlot;

namespace ConcurrencyService.Experiments.Charts;

/// <summary>
/// The one look of every chart the service and its load runner draw (ScottPlot): white, sans-serif, light grid, the
/// legend on the right, and one palette in which an executor always has the same colour.
/// </summary>
public static class ChartLook
{
    /// <summary>Category10, the palette most plotting libraries start from.</summary>
    public static readonly IReadOnlyList<Color> Palette =
        [.. new[] { "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f" }.Select(Color.FromHex)];

    public static readonly Color Reference = Color.FromHex("#777777");

    // ScottPlot's Fonts.Sans resolves to DejaVu Serif on Debian; ask for the sans face by name where it is installed.
    private static readonly string FontName = SkiaSharp.SKFontManager.Default.MatchFamily("DejaVu Sans") is not null ? "DejaVu Sans" : Fonts.Sans;

    // The same executor in the same colour on every chart; other series take the colours after these.
    private static readonly Dictionary<string, int> Known = new(StringComparer.Ordinal)
    {
        ["threads"] = 0,
        ["threads+gil"] = 1,
        ["processes"] = 2,
        ["processes-spawn"] = 3,
    };

    public static Color ColourFor(string name, int index) =>
        Palette[Known.TryGetValue(name, out var known) ? known : (Known.Count + index) % Palette.Count];

    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title, 15);
        plot.XLabel(xLabel, 12);
        plot.YLabel(yLabel, 12);
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Color.FromHex("#e5e5e5");
        return plot;
    }

    public static ChartImage Render(Plot plot, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        return new ChartImage(plot.GetSvgXml(width, height), plot.GetImageBytes(width, height, ImageFormat.Png));
    }

    /// <summary>Ticks at exactly these positions, with these labels.</summary>
    public static void ManualTicks(IAxis axis, IEnumerable<(double Position, string Label)> ticks)
    {
        ArgumentNullException.ThrowIfNull(axis);
        var generator = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (position, label) in ticks)
        {
            generator.AddMajor(position, label);
        }

        axis.TickGenerator = generator;
    }
}
