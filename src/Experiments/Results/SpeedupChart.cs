using ConcurrencyService.Experiments.Charts;

namespace ConcurrencyService.Experiments.Results;

/// <summary>
/// Speedup against worker count (ScottPlot, in the shared <see cref="ChartLook"/>): one line per executor with a legend,
/// and the ideal speedup = N dashed. Worker counts spread wider than 16:1 go on a log scale.
/// </summary>
public static class SpeedupChart
{
    public const string Ideal = "ideal (speedup = N)";
    private const int Width = 760;
    private const int Height = 440;

    public static string Render(string title, string yAxis, IReadOnlyList<ChartSeries> series) => Draw(title, yAxis, series).Svg;

    public static ChartImage Draw(string title, string yAxis, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var counts = series.SelectMany(s => s.Points.Select(p => p.Workers)).Append(1).Distinct().Order().ToList();
        var log = counts[^1] >= 16 * counts[0];
        double X(int workers) => log ? Math.Log2(workers) : workers;

        List<LineSeries> lines = [.. series.Select(s => new LineSeries(s.Name, [.. s.Points.OrderBy(p => p.Workers).Select(p => (X(p.Workers), p.Speedup))]))];
        lines.Add(new LineSeries(Ideal, [.. counts.Select(n => (X(n), (double)n))], Dashed: true));
        using var plot = Charts.Charts.Line(title, log ? "workers (N), log scale" : "workers (N)", yAxis, lines);

        var highest = series.SelectMany(s => s.Points.Select(p => p.Speedup)).DefaultIfEmpty(1).Max();
        var yMax = NiceCeiling(Math.Max(Math.Max(highest * 1.1, 1.2), Math.Min(counts[^1], highest * 2)));
        plot.Axes.SetLimitsY(0, yMax);
        ChartLook.ManualTicks(plot.Axes.Bottom, counts.Select(n => (X(n), n.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return ChartLook.Render(plot, Width, Height);
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
}

/// <summary>One executor's line: speedup at each worker count.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);

public sealed record ChartPoint(int Workers, double Speedup);
