using ConcurrencyService.Experiments.Charts;

namespace ConcurrencyService.Experiments.Results;

/// <summary>
/// Speedup against worker count (ScottPlot, in the shared <see cref="ChartLook"/>): one line per executor with a legend,
/// and the ideal speedup = N dashed. Worker counts spread wider than 16:1 go on a log scale. A point with a 95% interval
/// gets its error bar; the experiment's notes are written under the chart, so the image never travels without them.
/// </summary>
public static class SpeedupChart
{
    public const string Ideal = "ideal (speedup = N)";
    private const int Width = 760;
    private const int Height = 440;

    /// <summary>The notes written under a chart at most; more are counted, not written.</summary>
    public const int MaxNotes = 4;

    private const int NoteWidth = 120;
    private const int LineHeight = 16;

    public static string Render(string title, string yAxis, IReadOnlyList<ChartSeries> series, IReadOnlyList<string>? notes = null) =>
        Draw(title, yAxis, series, notes).Svg;

    public static ChartImage Draw(string title, string yAxis, IReadOnlyList<ChartSeries> series, IReadOnlyList<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var noteLines = NoteLines(notes ?? []);
        var counts = series.SelectMany(s => s.Points.Select(p => p.Workers)).Append(1).Distinct().Order().ToList();
        var log = counts[^1] >= 16 * counts[0];
        double X(int workers) => log ? Math.Log2(workers) : workers;

        List<LineSeries> lines = [.. series.Select(s => new LineSeries(s.Name, [.. s.Points.OrderBy(p => p.Workers).Select(p => (X(p.Workers), p.Speedup))]))];
        lines.Add(new LineSeries(Ideal, [.. counts.Select(n => (X(n), (double)n))], Dashed: true));
        var xLabel = log ? "workers (N), log scale" : "workers (N)";
        using var plot = Charts.Charts.Line(title, noteLines.Count == 0 ? xLabel : string.Join('\n', [xLabel, "", .. noteLines]), yAxis, lines);
        for (var i = 0; i < series.Count; i++)
        {
            var bounded = series[i].Points.Where(p => p.Low is not null && p.High is not null).OrderBy(p => p.Workers).ToList();
            if (bounded.Count > 0)
            {
                var bars = plot.Add.ErrorBar(
                    [.. bounded.Select(p => X(p.Workers))],
                    [.. bounded.Select(p => p.Speedup)],
                    [.. bounded.Select(_ => 0.0)]);
                bars.YErrorNegative = [.. bounded.Select(p => Math.Max(0, p.Speedup - p.Low!.Value))];
                bars.YErrorPositive = [.. bounded.Select(p => Math.Max(0, p.High!.Value - p.Speedup))];
                bars.Color = ChartLook.ColourFor(series[i].Name, i);
                bars.LineWidth = 1.5f;
            }
        }

        var highest = series.SelectMany(s => s.Points.Select(p => Math.Max(p.Speedup, p.High ?? 0))).DefaultIfEmpty(1).Max();
        var yMax = NiceCeiling(Math.Max(Math.Max(highest * 1.1, 1.2), Math.Min(counts[^1], highest * 2)));
        plot.Axes.SetLimitsY(0, yMax);
        ChartLook.ManualTicks(plot.Axes.Bottom, counts.Select(n => (X(n), n.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return ChartLook.Render(plot, Width, Height + (noteLines.Count == 0 ? 0 : (noteLines.Count + 1) * LineHeight));
    }

    /// <summary>The notes as lines of at most <see cref="NoteWidth"/> characters, each note starting "Note:".</summary>
    public static IReadOnlyList<string> NoteLines(IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        List<string> lines = [];
        foreach (var note in notes.Take(MaxNotes))
        {
            var line = "Note:";
            foreach (var word in note.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length + 1 + word.Length > NoteWidth)
                {
                    lines.Add(line);
                    line = "   ";
                }

                line += " " + word;
            }

            lines.Add(line);
        }

        if (notes.Count > MaxNotes)
        {
            lines.Add($"(and {notes.Count - MaxNotes} more notes in the experiment's JSON)");
        }

        return lines;
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

/// <summary>A speedup at a worker count, with its 95% interval where the runs allow one.</summary>
public sealed record ChartPoint(int Workers, double Speedup, double? Low = null, double? High = null);
