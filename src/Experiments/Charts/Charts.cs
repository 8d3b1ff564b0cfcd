using ScottPlot;

namespace ConcurrencyService.Experiments.Charts;

/// <summary>Line and grouped-bar charts in <see cref="ChartLook"/>.</summary>
public static class Charts
{
    public static Plot Line(string title, string xLabel, string yLabel, IReadOnlyList<LineSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = ChartLook.Create(title, xLabel, yLabel);
        for (var i = 0; i < series.Count; i++)
        {
            var line = series[i];
            var scatter = plot.Add.Scatter(
                line.Points.Select(p => p.X).ToArray(),
                line.Points.Select(p => p.Y).ToArray(),
                line.Dashed ? ChartLook.Reference : ChartLook.ColourFor(line.Name, i));
            scatter.LegendText = line.Name;
            scatter.LineWidth = line.Dashed ? 1.5f : 2.5f;
            scatter.MarkerSize = line.Dashed || line.Points.Count > 40 ? 0 : 7;
            scatter.LinePattern = line.Dashed ? LinePattern.Dashed : LinePattern.Solid;
        }

        plot.Axes.Margins(bottom: 0);
        if (series.Count > 0)
        {
            plot.ShowLegend(Edge.Right);
        }

        return plot;
    }

    /// <summary>Bars grouped along the x axis: <paramref name="values"/>[group][series]; a null value leaves a gap.</summary>
    public static Plot Bars(string title, string yLabel, IReadOnlyList<string> groups, IReadOnlyList<string> seriesNames, IReadOnlyList<IReadOnlyList<double?>> values)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(seriesNames);
        ArgumentNullException.ThrowIfNull(values);
        var plot = ChartLook.Create(title, string.Empty, yLabel);
        var stride = seriesNames.Count + 1;
        for (var s = 0; s < seriesNames.Count; s++)
        {
            var colour = ChartLook.ColourFor(seriesNames[s], s);
            var bars = Enumerable.Range(0, groups.Count)
                .Where(g => values[g][s] is not null)
                .Select(g => new Bar { Position = (g * stride) + s, Value = values[g][s]!.Value, FillColor = colour, Label = Label(values[g][s]!.Value) })
                .ToList();
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = seriesNames[s];
        }

        ChartLook.ManualTicks(plot.Axes.Bottom, groups.Select((g, i) => ((i * stride) + ((seriesNames.Count - 1) / 2.0), g)));
        var highest = values.SelectMany(v => v).Max(v => v ?? 0);
        plot.Axes.SetLimitsY(0, highest > 0 ? highest * 1.15 : 1); // room for the value labels above the bars
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    public static string Label(double value) => value switch
    {
        >= 10_000 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value / 1000:0.#}k"),
        >= 100 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value:0}"),
        >= 10 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value:0.#}"),
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value:0.##}"),
    };
}
