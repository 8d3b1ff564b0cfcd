namespace ConcurrencyService.Workloads.Catalog;

/// <summary>Contiguous, gap-free splits of <c>[0, count)</c> into a fixed number of half-open ranges.</summary>
public static class RangeSplitter
{
    /// <summary>Equal-length ranges, for work whose cost per element is constant. The first ranges take the remainder.</summary>
    public static IReadOnlyList<(long From, long To)> Even(long count, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        var ranges = new (long, long)[parts];
        long size = count / parts, remainder = count % parts, from = 0;
        for (var i = 0; i < parts; i++)
        {
            var to = from + size + (i < remainder ? 1 : 0);
            ranges[i] = (from, to);
            from = to;
        }

        return ranges;
    }

    /// <summary>
    /// Ranges of equal total cost when testing element x costs about x^(exponent-1): the cumulative cost grows as
    /// x^exponent, so boundary k sits at count·(k/parts)^(1/exponent). Trial division to √x makes primes exponent 1.5.
    /// </summary>
    public static IReadOnlyList<(long From, long To)> EqualCost(long count, int parts, double exponent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        var ranges = new (long, long)[parts];
        long from = 0;
        for (var i = 0; i < parts; i++)
        {
            var to = i == parts - 1 ? count : Math.Clamp((long)Math.Round(count * Math.Pow((i + 1) / (double)parts, 1 / exponent)), from, count);
            ranges[i] = (from, to);
            from = to;
        }

        return ranges;
    }
}
