namespace ConcurrencyService.Experiments.Results;

/// <summary>
/// A speedup's 95% confidence interval over the cell's and the baseline's repetitions (the Hodges-Lehmann ratio with its
/// distribution-free interval, <see cref="Advice.Intervals.Ratio"/>); no ends, and why, where too few runs allow none.
/// </summary>
/// <param name="Missing">Why there is no interval, e.g. "n too small: …"; null when there is one.</param>
public sealed record SpeedupInterval(double? Low, double? High, string? Missing)
{
    /// <summary>Runs of the cell and of the baseline that a 95% interval needs at least (or 3 against 5).</summary>
    public const int RunsNeeded = 4;

    public static SpeedupInterval From(IReadOnlyList<double> baselineWalls, IReadOnlyList<double> cellWalls, double factor)
    {
        ArgumentNullException.ThrowIfNull(baselineWalls);
        ArgumentNullException.ThrowIfNull(cellWalls);
        if (baselineWalls.Count == 0 || cellWalls.Count == 0 || baselineWalls.Concat(cellWalls).Any(w => !(w > 0) || !double.IsFinite(w)))
        {
            return new(null, null, "no interval: a run has no positive time");
        }

        var ratio = Advice.Intervals.Ratio(baselineWalls, cellWalls).Times(factor);
        return ratio is { Low: { } low, High: { } high }
            ? new(Math.Round(low, 3), Math.Round(high, 3), null)
            : new(null, null, $"n too small: {cellWalls.Count} runs against the baseline's {baselineWalls.Count}; a 95% interval needs {RunsNeeded} of each (or 3 against 5)");
    }

    /// <summary>"[1.8, 2.0]", or "(n too small)".</summary>
    public override string ToString() => Low is { } low && High is { } high
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{low:0.0#}, {high:0.0#}]")
        : Missing is { } missing && missing.StartsWith("n too small", StringComparison.Ordinal) ? "(n too small)" : "(no interval)";
}
