using System.Globalization;
using System.Security;
using System.Text;

namespace ConcurrencyService.Api.Experiments.Results;

/// <summary>
/// Speedup against worker count as a self-contained SVG (no script, no fonts or styles from elsewhere): one line per
/// executor with a legend, and the ideal speedup = N dashed. Worker counts spread wider than 16:1 go on a log scale.
/// </summary>
public static class SpeedupChart
{
    private const int Width = 760;
    private const int Height = 440;
    private const int Left = 64;
    private const int Right = 190;
    private const int Top = 48;
    private const int Bottom = 56;
    private const int PlotWidth = Width - Left - Right;
    private const int PlotHeight = Height - Top - Bottom;
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"];

    // The same executor in the same colour on every chart.
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["threads"] = Colours[0],
        ["threads+gil"] = Colours[1],
        ["processes"] = Colours[2],
        ["processes-spawn"] = Colours[3],
    };

    public static string Render(string title, string yAxis, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var counts = series.SelectMany(s => s.Points.Select(p => p.Workers)).Append(1).Distinct().Order().ToList();
        var x = new XScale(counts[0], counts[^1]);
        var highest = series.SelectMany(s => s.Points.Select(p => p.Speedup)).DefaultIfEmpty(1).Max();
        var yMax = NiceCeiling(Math.Max(Math.Max(highest * 1.1, 1.2), Math.Min(counts[^1], highest * 2)));
        double Y(double speedup) => Top + PlotHeight - (speedup / yMax * PlotHeight);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="sans-serif" font-size="12">""").AppendLine();
        svg.Append(CultureInfo.InvariantCulture, $"""<title>{Escape(title)}</title>""").AppendLine();
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="{Height}" fill="white"/>""").AppendLine();
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Width / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">{Escape(title)}</text>""").AppendLine();
        svg.Append(CultureInfo.InvariantCulture, $"""<clipPath id="plot"><rect x="{Left}" y="{Top}" width="{PlotWidth}" height="{PlotHeight}"/></clipPath>""").AppendLine();

        // Grid, ticks and labels.
        foreach (var tick in Ticks(yMax))
        {
            var y = F(Y(tick));
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{y}" x2="{Left + PlotWidth}" y2="{y}" stroke="#e5e5e5"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 8}" y="{y}" text-anchor="end" dominant-baseline="middle">{F(tick)}×</text>""").AppendLine();
        }

        foreach (var count in counts)
        {
            var px = F(x.Map(count));
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{px}" y1="{Top + PlotHeight}" x2="{px}" y2="{Top + PlotHeight + 5}" stroke="black"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{px}" y="{Top + PlotHeight + 19}" text-anchor="middle">{count}</text>""").AppendLine();
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{Top + PlotHeight}" x2="{Left + PlotWidth}" y2="{Top + PlotHeight}" stroke="black"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{Top}" x2="{Left}" y2="{Top + PlotHeight}" stroke="black"/>""").AppendLine();
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left + (PlotWidth / 2)}" y="{Height - 14}" text-anchor="middle">workers (N){(x.IsLog ? ", log scale" : string.Empty)}</text>""").AppendLine();
        svg.Append(CultureInfo.InvariantCulture, $"""<text transform="translate(18 {Top + (PlotHeight / 2)}) rotate(-90)" text-anchor="middle">{Escape(yAxis)}</text>""").AppendLine();

        // The ideal: N workers, N times as fast.
        var ideal = string.Join(' ', counts.Select(n => $"{F(x.Map(n))},{F(Y(n))}"));
        svg.Append(CultureInfo.InvariantCulture, $"""<polyline points="{ideal}" fill="none" stroke="#777" stroke-width="1.5" stroke-dasharray="6 4" clip-path="url(#plot)"/>""").AppendLine();

        for (var i = 0; i < series.Count; i++)
        {
            var colour = Colour(series, i);
            var points = series[i].Points.OrderBy(p => p.Workers).ToList();
            var line = string.Join(' ', points.Select(p => $"{F(x.Map(p.Workers))},{F(Y(p.Speedup))}"));
            svg.Append(CultureInfo.InvariantCulture, $"""<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2.5" clip-path="url(#plot)"/>""").AppendLine();
            foreach (var point in points)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{F(x.Map(point.Workers))}" cy="{F(Y(point.Speedup))}" r="3.5" fill="{colour}" clip-path="url(#plot)"><title>{Escape(series[i].Name)}: {F(point.Speedup)}× on {point.Workers}</title></circle>""");
            }

            svg.AppendLine();
        }

        // Legend.
        var entries = series.Select((s, i) => (s.Name, Colour: Colour(series, i), Dashed: false)).ToList();
        entries.Add(("ideal (speedup = N)", "#777", true));
        for (var i = 0; i < entries.Count; i++)
        {
            var y = Top + 10 + (i * 22);
            var dash = entries[i].Dashed ? " stroke-dasharray=\"6 4\"" : string.Empty;
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Width - Right + 20}" y1="{y}" x2="{Width - Right + 48}" y2="{y}" stroke="{entries[i].Colour}" stroke-width="2.5"{dash}/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Width - Right + 56}" y="{y}" dominant-baseline="middle">{Escape(entries[i].Name)}</text>""").AppendLine();
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    /// <summary>The smallest of 1, 2, 2.5, 5 × 10^k at or above <paramref name="value"/>.</summary>
    public static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= value - 1e-9)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Colour(IReadOnlyList<ChartSeries> series, int index) =>
        Known.GetValueOrDefault(series[index].Name) ?? Colours[(Known.Count + index) % Colours.Length];

    private static IEnumerable<double> Ticks(double max)
    {
        var step = NiceCeiling(max / 6);
        for (var tick = 0.0; tick <= max + 1e-9; tick += step)
        {
            yield return Math.Round(tick, 6);
        }
    }

    private static string F(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text);

    private sealed class XScale(int min, int max)
    {
        public bool IsLog { get; } = max >= 16 * min;

        public double Map(int workers)
        {
            if (max == min)
            {
                return Left + (PlotWidth / 2.0);
            }

            var fraction = IsLog
                ? Math.Log2(workers / (double)min) / Math.Log2(max / (double)min)
                : (workers - min) / (double)(max - min);
            return Left + 20 + (fraction * (PlotWidth - 40));
        }
    }
}

/// <summary>One executor's line: speedup at each worker count.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);

public sealed record ChartPoint(int Workers, double Speedup);
