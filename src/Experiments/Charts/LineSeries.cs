namespace ConcurrencyService.Experiments.Charts;

/// <summary>A named line of (x, y) points; a dashed one is a reference (e.g. the ideal), not a measurement.</summary>
public sealed record LineSeries(string Name, IReadOnlyList<(double X, double Y)> Points, bool Dashed = false);
