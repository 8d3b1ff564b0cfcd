using System.Globalization;
using System.Net;
using System.Text;

namespace ConcurrencyService.Load.Reports;

/// <summary>Inline SVG line and grouped bar charts: no script, no external file, readable without a network.</summary>
public static class SvgCharts
{
    private const int Width = 600;
    private const int Height = 270;
    private const int Left = 64;
    private const int Right = 16;
    private const int Top = 52;
    private const int Bottom = 40;
    private const int PlotWidth = Width - Left - Right;
    private const int PlotHeight = Height - Top - Bottom;

    private static readonly string[] Colors = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1"];

    public static string Line(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var points = series.SelectMany(s => s.Points).ToList();
        var maxX = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.X));
        var maxY = NiceCeiling(points.Count == 0 ? 1 : points.Max(p => p.Y));
        var svg = Begin(title, [.. series.Select(s => s.Name)]);
        Axes(svg, xLabel, yLabel, maxY);
        foreach (var tick in Ticks(NiceCeiling(maxX)).Where(t => t <= maxX))
        {
            var x = Left + (tick / maxX * PlotWidth);
            svg.Append(Invariant($"<text x=\"{x:0.#}\" y=\"{Top + PlotHeight + 14}\" text-anchor=\"middle\">{Label(tick)}</text>"));
        }

        for (var i = 0; i < series.Count; i++)
        {
            var path = string.Join(' ', series[i].Points.Select(p => Invariant($"{Left + (p.X / maxX * PlotWidth):0.#},{Top + PlotHeight - (p.Y / maxY * PlotHeight):0.#}")));
            svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{Colors[i % Colors.Length]}\" stroke-width=\"1.8\" points=\"{path}\"/>"));
        }

        return End(svg);
    }

    /// <summary>Bars grouped along the x axis: <paramref name="values"/>[group][series]; a null value leaves a gap.</summary>
    public static string Bars(string title, string yLabel, IReadOnlyList<string> groups, IReadOnlyList<string> seriesNames, IReadOnlyList<IReadOnlyList<double?>> values)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(seriesNames);
        ArgumentNullException.ThrowIfNull(values);
        var maxY = NiceCeiling(values.SelectMany(v => v).Max(v => v ?? 0));
        var svg = Begin(title, seriesNames);
        Axes(svg, "", yLabel, maxY);
        var groupWidth = (double)PlotWidth / Math.Max(1, groups.Count);
        var barWidth = groupWidth * 0.8 / Math.Max(1, seriesNames.Count);
        for (var g = 0; g < groups.Count; g++)
        {
            var groupLeft = Left + (g * groupWidth) + (groupWidth * 0.1);
            svg.Append(Invariant($"<text x=\"{Left + ((g + 0.5) * groupWidth):0.#}\" y=\"{Top + PlotHeight + 16}\" text-anchor=\"middle\">{Escape(groups[g])}</text>"));
            for (var s = 0; s < seriesNames.Count; s++)
            {
                if (values[g][s] is not { } value)
                {
                    continue;
                }

                var height = value / maxY * PlotHeight;
                var x = groupLeft + (s * barWidth);
                var y = Top + PlotHeight - height;
                svg.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{barWidth - 2:0.#}\" height=\"{height:0.#}\" fill=\"{Colors[s % Colors.Length]}\"><title>{Escape(seriesNames[s])}, {Escape(groups[g])}: {Label(value)}</title></rect>"));
                svg.Append(Invariant($"<text x=\"{x + ((barWidth - 2) / 2):0.#}\" y=\"{y - 3:0.#}\" text-anchor=\"middle\" class=\"value\">{Label(value)}</text>"));
            }
        }

        return End(svg);
    }

    /// <summary>The smallest 1, 2, 2.5 or 5 × 10^n at or above <paramref name="value"/>, so axis ticks are round.</summary>
    public static double NiceCeiling(double value)
    {
        if (value <= 0 || !double.IsFinite(value))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(v => v >= value * 0.9999);
    }

    private static StringBuilder Begin(string title, IReadOnlyList<string> legend)
    {
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" class=\"chart\"><title>{Escape(title)}</title>"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"18\" class=\"title\">{Escape(title)}</text>"));
        var x = (double)Left;
        for (var i = 0; i < legend.Count; i++)
        {
            svg.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"28\" width=\"10\" height=\"10\" fill=\"{Colors[i % Colors.Length]}\"/><text x=\"{x + 14:0.#}\" y=\"37\">{Escape(legend[i])}</text>"));
            x += 24 + (legend[i].Length * 6.5);
        }

        return svg;
    }

    private static void Axes(StringBuilder svg, string xLabel, string yLabel, double maxY)
    {
        foreach (var tick in Ticks(maxY))
        {
            var y = Top + PlotHeight - (tick / maxY * PlotHeight);
            svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Left + PlotWidth}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" class=\"grid\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Label(tick)}</text>"));
        }

        svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Top + PlotHeight}\" class=\"axis\"/>"));
        svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Left + PlotWidth}\" y1=\"{Top + PlotHeight}\" y2=\"{Top + PlotHeight}\" class=\"axis\"/>"));
        svg.Append(Invariant($"<text x=\"{Left + (PlotWidth / 2)}\" y=\"{Height - 4}\" text-anchor=\"middle\">{Escape(xLabel)}</text>"));
        svg.Append(Invariant($"<text x=\"14\" y=\"{Top + (PlotHeight / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {Top + (PlotHeight / 2)})\">{Escape(yLabel)}</text>"));
    }

    private static IEnumerable<double> Ticks(double max) => Enumerable.Range(0, 6).Select(i => max * i / 5);

    private static string End(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static string Label(double value) => value switch
    {
        >= 10_000 => Invariant($"{value / 1000:0.#}k"),
        >= 100 => Invariant($"{value:0}"),
        >= 10 => Invariant($"{value:0.#}"),
        _ => Invariant($"{value:0.##}"),
    };

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
