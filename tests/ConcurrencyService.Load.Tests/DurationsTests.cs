namespace ConcurrencyService.Load.Tests;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("250us", 0.25)]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData(" 20S ", 20_000)]
    public void TryParse_ReadsANumberWithAUnit(string text, double ms)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(ms, duration.TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("20")]
    [InlineData("s")]
    [InlineData("-1s")]
    [InlineData("2 weeks")]
    public void TryParse_RefusesWhatIsNotADuration(string text)
    {
        Assert.False(Durations.TryParse(text, out _));
    }

    [Fact]
    public void Format_PicksAReadableUnit()
    {
        Assert.Equal("250 µs", Durations.Format(TimeSpan.FromMicroseconds(250)));
        Assert.Equal("100 ms", Durations.Format(TimeSpan.FromMilliseconds(100)));
        Assert.Equal("20 s", Durations.Format(TimeSpan.FromSeconds(20)));
    }
}
