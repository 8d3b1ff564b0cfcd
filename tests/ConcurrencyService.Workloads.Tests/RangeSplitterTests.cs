using ConcurrencyService.Workloads.Catalog;

namespace ConcurrencyService.Workloads.Tests;

public sealed class RangeSplitterTests
{
    public static TheoryData<long, int> Cases()
    {
        var data = new TheoryData<long, int>();
        foreach (var count in new long[] { 0, 1, 2, 7, 1_000_003 })
        {
            foreach (var parts in new[] { 1, 2, 3, 7, 16, 100 })
            {
                data.Add(count, parts);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Even_CoversTheRangeWithoutGaps_InNearlyEqualParts(long count, int parts)
    {
        var ranges = RangeSplitter.Even(count, parts);

        AssertCovers(ranges, count, parts);
        var sizes = ranges.Select(r => r.To - r.From).ToList();
        Assert.True(sizes.Max() - sizes.Min() <= 1, string.Join(", ", sizes));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EqualCost_CoversTheRangeWithoutGaps(long count, int parts)
    {
        AssertCovers(RangeSplitter.EqualCost(count, parts, 1.5), count, parts);
        AssertCovers(RangeSplitter.EqualCost(count, parts, 2), count, parts);
    }

    [Fact]
    public void EqualCost_GivesLaterPartsShorterRanges()
    {
        var ranges = RangeSplitter.EqualCost(1_000_000, 4, 1.5);

        Assert.True(ranges[0].To - ranges[0].From > ranges[3].To - ranges[3].From);
    }

    [Fact]
    public void Splitters_RejectBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RangeSplitter.Even(-1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => RangeSplitter.Even(10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RangeSplitter.EqualCost(-1, 2, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => RangeSplitter.EqualCost(10, 0, 1.5));
    }

    private static void AssertCovers(IReadOnlyList<(long From, long To)> ranges, long count, int parts)
    {
        Assert.Equal(parts, ranges.Count);
        Assert.Equal(0, ranges[0].From);
        Assert.Equal(count, ranges[^1].To);
        for (var i = 0; i < ranges.Count; i++)
        {
            Assert.True(ranges[i].From <= ranges[i].To, $"range {i} is {ranges[i]}");
            if (i > 0)
            {
                Assert.Equal(ranges[i - 1].To, ranges[i].From);
            }
        }
    }
}
