namespace ConcurrencyService.Experiments.Results;

/// <summary>
/// The arithmetic of a scaling experiment, kept pure so it can be checked against known timings. Speedup compares
/// medians: one slow repetition (a GC, a neighbour on the machine) moves a median far less than a mean.
/// </summary>
public static class ScalingMath
{
    /// <summary>The middle value; the mean of the two middle values for an even count.</summary>
    public static double Median(IReadOnlyList<double> values) => Quantile(Sorted(values), 0.5);

    /// <summary>
    /// Strong scaling (the same job split N ways): sequential ÷ cell. Weak scaling (N tasks, each the whole sequential
    /// job): N × sequential ÷ cell, the throughput gained.
    /// </summary>
    public static double Speedup(double sequentialMs, double cellMs, int workers, ScalingMode mode)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cellMs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        return mode == ScalingMode.Weak ? workers * sequentialMs / cellMs : sequentialMs / cellMs;
    }

    /// <summary>Speedup per worker: 1 is perfect use of N workers.</summary>
    public static double Efficiency(double speedup, int workers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        return speedup / workers;
    }

    /// <summary>Minimum and maximum; with three or more values also the sample standard deviation and the interquartile range.</summary>
    public static Spread Spread(IReadOnlyList<double> values)
    {
        var sorted = Sorted(values);
        if (sorted.Length < 3)
        {
            return new Spread(sorted[0], sorted[^1], null, null);
        }

        var mean = sorted.Average();
        var variance = sorted.Sum(v => (v - mean) * (v - mean)) / (sorted.Length - 1);
        return new Spread(sorted[0], sorted[^1], Math.Sqrt(variance), Quantile(sorted, 0.75) - Quantile(sorted, 0.25));
    }

    /// <summary>The q-quantile of sorted values by linear interpolation between closest ranks (R's type 7, Excel's PERCENTILE).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        var position = (sorted.Count - 1) * q;
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    private static double[] Sorted(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        return [.. values.Order()];
    }
}
