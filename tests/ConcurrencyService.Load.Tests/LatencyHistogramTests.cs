using ConcurrencyService.Load.Statistics;

namespace ConcurrencyService.Load.Tests;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_OfUniformOneToTenThousandMs_AreWithinTheHistogramsPrecision()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 10_000; ms++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms));
        }

        // Nearest rank on 1..10000: pN is N% of 10000 ms. Three significant digits allow 0.1% either way.
        AssertWithin(5_000, histogram.PercentileMicros(50) / 1000.0);
        AssertWithin(7_500, histogram.PercentileMicros(75) / 1000.0);
        AssertWithin(9_000, histogram.PercentileMicros(90) / 1000.0);
        AssertWithin(9_500, histogram.PercentileMicros(95) / 1000.0);
        AssertWithin(9_900, histogram.PercentileMicros(99) / 1000.0);
        AssertWithin(9_990, histogram.PercentileMicros(99.9) / 1000.0);
        Assert.Equal(10_000_000, histogram.PercentileMicros(100));
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 3)]
    [InlineData(3, 2)]
    public void Percentiles_OfSkewedRandomLatencies_MatchTheExactPercentilesWithinThePrecision(int seed, int digits)
    {
        // Log-normal around 20 ms with a long tail, as job latencies look; the exact percentile by sorting every value.
        var random = new Random(seed);
        var values = Enumerable.Range(0, 50_000).Select(_ => (long)Math.Exp(Math.Log(20_000) + (1.2 * Gaussian(random)))).ToArray();
        var histogram = new LatencyHistogram(digits);
        foreach (var value in values)
        {
            histogram.RecordMicros(value);
        }

        Array.Sort(values);
        var tolerance = Math.Pow(10, -digits);
        foreach (var p in new[] { 1, 50, 75, 90, 95, 99, 99.9, 99.99 })
        {
            var rank = Math.Max(1, (long)((p / 100 * values.Length) + 0.5));
            var exact = values[rank - 1];
            Assert.InRange(histogram.PercentileMicros(p), exact, exact + (exact * tolerance) + 1);
        }

        Assert.Equal(values[0], histogram.MinMicros);
        Assert.Equal(values[^1], histogram.PercentileMicros(100));
        Assert.Equal(values.Average(), histogram.MeanMicros, 3);
    }

    [Fact]
    public void MinMaxMeanAndStdDev_AreExact()
    {
        var histogram = new LatencyHistogram();
        foreach (var micros in new long[] { 2, 4, 4, 4, 5, 5, 7, 9 })
        {
            histogram.RecordMicros(micros * 1_000_001); // values that fall inside buckets, not on their edges
        }

        Assert.Equal(8, histogram.Count);
        Assert.Equal(2_000_002, histogram.MinMicros);
        Assert.Equal(9_000_009, histogram.MaxMicros);
        Assert.Equal(5_000_005, histogram.MeanMicros, 3);
        Assert.Equal(2_000_002, histogram.StdDevMicros, 3);
    }

    [Fact]
    public void SmallValues_AreCountedExactly()
    {
        var histogram = new LatencyHistogram();
        for (var us = 0; us < 2000; us++)
        {
            histogram.RecordMicros(us);
        }

        Assert.Equal(999, histogram.PercentileMicros(50));
        Assert.Equal(1979, histogram.PercentileMicros(99));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EveryValue_IsReportedWithinItsRelativePrecision(int digits)
    {
        var tolerance = Math.Pow(10, -digits);
        for (var value = 1L; value < LatencyHistogram.HighestTrackableMicros; value = (value * 7 / 5) + 1)
        {
            var histogram = new LatencyHistogram(digits);
            histogram.RecordMicros(value);
            histogram.RecordMicros(value + 1); // so the percentile is not clamped to an exact max
            var reported = histogram.PercentileMicros(1);
            Assert.InRange(reported, value, value + (value * tolerance) + 1);
        }
    }

    [Fact]
    public void ValuesAboveTheTrackableRange_StillReportTheExactMax()
    {
        var histogram = new LatencyHistogram();
        histogram.RecordMicros(LatencyHistogram.HighestTrackableMicros * 3);
        Assert.Equal(LatencyHistogram.HighestTrackableMicros * 3, histogram.MaxMicros);
        Assert.Equal(LatencyHistogram.HighestTrackableMicros * 3, histogram.PercentileMicros(100));
    }

    [Fact]
    public void Add_MergesCountsAndExactMoments()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        var both = new LatencyHistogram();
        for (var i = 1; i <= 1000; i++)
        {
            (i % 2 == 0 ? a : b).RecordMicros(i * 997);
            both.RecordMicros(i * 997);
        }

        a.Add(b);
        Assert.Equal(both.Count, a.Count);
        Assert.Equal(both.MinMicros, a.MinMicros);
        Assert.Equal(both.MaxMicros, a.MaxMicros);
        Assert.Equal(both.MeanMicros, a.MeanMicros, 6);
        Assert.Equal(both.PercentileMicros(99.9), a.PercentileMicros(99.9));
    }

    [Fact]
    public void Summarize_OfAnEmptyHistogram_IsAllZero()
    {
        Assert.Equal(LatencySummary.Empty, new LatencyHistogram().Summarize());
    }

    [Fact]
    public void Summarize_ReportsMilliseconds()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.FromMilliseconds(100));
        var summary = histogram.Summarize();
        Assert.Equal(1, summary.Count);
        Assert.Equal(100, summary.Min);
        Assert.Equal(100, summary.P999);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static void AssertWithin(double expected, double actual) =>
        Assert.InRange(actual, expected * 0.999, expected * 1.001);
}
