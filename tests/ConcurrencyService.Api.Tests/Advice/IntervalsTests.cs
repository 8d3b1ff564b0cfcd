using ConcurrencyService.Experiments.Advice;

namespace ConcurrencyService.Api.Tests.Advice;

/// <summary>The interval math against values worked out by hand (and by R's wilcox.test and a t table).</summary>
public sealed class IntervalsTests
{
    [Fact]
    public void Ratio_IsTheMedianPairwiseRatio_BetweenTheThirdSmallestAndThirdLargestOf25()
    {
        // 25 pairwise ratios of 100..108 over 50..54; for 5 against 5 the exact Mann-Whitney ranks cut 2 at each end.
        var ratio = Intervals.Ratio([100, 102, 104, 106, 108], [50, 51, 52, 53, 54]);

        Assert.Equal(2.0, ratio.Value, 9);
        Assert.Equal(102.0 / 54, ratio.Low!.Value, 9);
        Assert.Equal(108.0 / 51, ratio.High!.Value, 9);
    }

    [Theory]
    [InlineData(5, 5, 2)] // R: qwilcox(0.025, 5, 5) = 3, the 3rd difference
    [InlineData(10, 10, 23)] // the Mann-Whitney table's two-sided 5% critical value for 10 and 10
    [InlineData(4, 4, 0)] // P(U = 0) = 1/70 ≤ 2.5%: the extremes
    [InlineData(3, 5, 0)] // 1/56
    [InlineData(3, 3, -1)] // 1/20 = 5%: no 95% interval exists
    public void OutsideRanks_FollowTheExactMannWhitneyDistribution(int n, int m, int expected) =>
        Assert.Equal(expected, Intervals.OutsideRanks(n, m));

    [Fact]
    public void Ratio_WithThreeRunsEach_GivesNoInterval_RatherThanANarrowerOne()
    {
        var ratio = Intervals.Ratio([100, 101, 102], [50, 51, 52]);

        Assert.False(ratio.HasInterval);
        Assert.Equal(101.0 / 51, ratio.Value, 9); // the 5th of the nine ratios 1.92 … 2.04
    }

    [Fact]
    public void Median_IsHarrellDavis_WithTheMaritzJarrettInterval()
    {
        // n = 7: Beta(4, 4) weights, t(0.975, 6) = 2.446912; worked out by hand from the definitions.
        var median = Intervals.Median([10, 11, 12, 13, 14, 15, 30]);

        Assert.Equal(13.142100655, median.Value, 6);
        Assert.Equal(8.087724407, median.Low!.Value, 6);
        Assert.Equal(18.196476904, median.High!.Value, 6);
    }

    [Fact]
    public void Median_OfOneValue_HasNoInterval() => Assert.False(Intervals.Median([4.2]).HasInterval);

    [Fact]
    public void Ratio_RefusesTimingsThatAreNotPositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Intervals.Ratio([100, 0], [50, 51]));
}
