using Perfolizer.Mathematics.QuantileEstimators;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Pragmastat;

namespace ConcurrencyService.Experiments.Advice;

/// <summary>
/// 95% confidence intervals for timings, both distribution-free: timings are skewed (a GC pause, a neighbour's burst)
/// and a calibration has a handful of runs, so nothing here assumes a normal distribution.
/// </summary>
public static class Intervals
{
    public const double Confidence = 0.95;

    // The exact Mann-Whitney distribution counts C(n+m, n) arrangements in a long: exact up to 60 runs in all.
    private const int ExactUpTo = 60;

    /// <summary>
    /// The median (Harrell-Davis) with the Maritz-Jarrett interval, as BenchmarkDotNet's authors estimate it; no interval
    /// from a single value.
    /// </summary>
    public static Estimate Median(IReadOnlyList<double> values)
    {
        Guard(values, allowZero: true);
        if (values.Count == 1)
        {
            return new Estimate(values[0], null, null);
        }

        var interval = HarrellDavisQuantileEstimator.Instance
            .QuantileConfidenceIntervalEstimator(new Sample([.. values]), Probability.Half)
            .ConfidenceInterval(Confidence);
        return new Estimate(interval.Estimation, interval.Lower, interval.Upper);
    }

    /// <summary>
    /// The ratio <paramref name="numerator"/> ÷ <paramref name="denominator"/> of two independent sets of timings (a
    /// speedup: the sequential baseline's walls over a cell's): the Hodges-Lehmann estimate (the median of all pairwise
    /// ratios) with its distribution-free interval (Moses): the pairwise log-ratios between ranks the exact Mann-Whitney
    /// distribution gives. Needs four runs on each side (or three against five) for a 95% interval; fewer get none.
    /// </summary>
    public static Estimate Ratio(IReadOnlyList<double> numerator, IReadOnlyList<double> denominator)
    {
        Guard(numerator, allowZero: false);
        Guard(denominator, allowZero: false);
        var value = Toolkit.Ratio(new Sample([.. numerator]), new Sample([.. denominator])).NominalValue;
        var logs = numerator.SelectMany(x => denominator.Select(y => Math.Log(x) - Math.Log(y))).Order().ToArray();
        var rank = OutsideRanks(numerator.Count, denominator.Count);
        return rank < 0
            ? new Estimate(value, null, null)
            : new Estimate(value, Math.Exp(logs[rank]), Math.Exp(logs[logs.Length - 1 - rank]));
    }

    /// <summary>
    /// How many pairwise differences fall outside the interval at each end: the largest c with P(U ≤ c) ≤ 2.5% under no
    /// difference (R's wilcox.test(conf.int = TRUE) uses the same ranks); -1 where even c = 0 is too likely.
    /// </summary>
    internal static int OutsideRanks(int n, int m)
    {
        IMannWhitneyCdf cdf = n + m <= ExactUpTo ? MannWhitneyClassicExactCdf.Instance : MannWhitneyNormalApproxCdf.Instance;
        var tail = (1 - Confidence) / 2;
        var c = -1;
        // Perfolizer's Cdf(n, m, u) is P(U < u), so P(U ≤ c) is Cdf(n, m, c + 1).
        while (c + 1 < n * m / 2 && cdf.Cdf(n, m, c + 2) <= tail)
        {
            c++;
        }

        return c;
    }

    private static void Guard(IReadOnlyList<double> values, bool allowZero)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfZero(values.Count, nameof(values));
        if (values.Any(v => !double.IsFinite(v) || v < 0 || (v == 0 && !allowZero)))
        {
            throw new ArgumentOutOfRangeException(nameof(values), allowZero ? "Values must be finite and not negative." : "Timings must be positive and finite.");
        }
    }
}
