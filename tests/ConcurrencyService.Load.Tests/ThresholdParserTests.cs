using ConcurrencyService.Load.Scenarios;
using ConcurrencyService.Load.Statistics;
using ConcurrencyService.Load.Thresholds;

namespace ConcurrencyService.Load.Tests;

public sealed class ThresholdParserTests
{
    private static readonly IReadOnlyCollection<string> Known = [.. ScenarioCatalog.All];

    [Theory]
    [InlineData("cpu-processes: p99 < 2s", ThresholdMetric.P99, "<", 2000)]
    [InlineData("io-threads: p50 <= 150ms", ThresholdMetric.P50, "<=", 150)]
    [InlineData("io-threads: p99.9 < 500us", ThresholdMetric.P999, "<", 0.5)]
    [InlineData("io-threads: p999 < 1.5s", ThresholdMetric.P999, "<", 1500)]
    [InlineData("io-threads: mean<120ms", ThresholdMetric.Mean, "<", 120)]
    [InlineData("  io-threads :  max >= 0ms  ", ThresholdMetric.Max, ">=", 0)]
    [InlineData("io-threads: P90 < 250µs", ThresholdMetric.P90, "<", 0.25)]
    [InlineData("*: fail-rate < 1%", ThresholdMetric.FailRate, "<", 1)]
    [InlineData("*: fail-rate <= 0%", ThresholdMetric.FailRate, "<=", 0)]
    [InlineData("cpu-threads: rps > 5", ThresholdMetric.Rps, ">", 5)]
    [InlineData("cpu-threads: rps >= 12.5/s", ThresholdMetric.Rps, ">=", 12.5)]
    public void Parse_ReadsMetricOperatorAndLimitInTheMetricsUnit(string text, ThresholdMetric metric, string op, double limit)
    {
        var rule = ThresholdParser.Parse(text, Known);
        Assert.Equal(metric, rule.Metric);
        Assert.Equal(op, rule.Operator);
        Assert.Equal(limit, rule.Limit, 9);
        Assert.Equal(text.Trim(), rule.Text);
    }

    [Fact]
    public void Parse_ReadsSeveralScenariosOrAll()
    {
        var rule = ThresholdParser.Parse("io-threads, io-processes: p99 < 1s", Known);
        Assert.Equal(["io-threads", "io-processes"], rule.Scenarios);
        Assert.True(rule.AppliesTo("io-processes"));
        Assert.False(rule.AppliesTo("cpu-threads"));
        Assert.True(ThresholdParser.Parse("*: p99 < 1s", Known).AppliesTo("cpu-threads"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("p99 < 2s", "does not read as")]
    [InlineData("cpu-processes p99 < 2s", "does not read as")]
    [InlineData("cpu-processes: p99 2s", "does not read as")]
    [InlineData("cpu-processes: p99 = 2s", "does not read as")]
    [InlineData("cpu-processes: p99 < ", "does not read as")]
    [InlineData("cpu-procs: p99 < 2s", "unknown scenario 'cpu-procs'")]
    [InlineData("io-threads,nope: p99 < 2s", "unknown scenario 'nope'")]
    [InlineData("cpu-processes: p42 < 2s", "unknown metric 'p42'")]
    [InlineData("cpu-processes: p99 < 2", "duration with a unit")]
    [InlineData("cpu-processes: p99 < 2min", "duration with a unit")]
    [InlineData("cpu-processes: p99 < -2s", "duration with a unit")]
    [InlineData("cpu-processes: p99 < fast", "duration with a unit")]
    [InlineData("*: fail-rate < 1", "percentage")]
    [InlineData("*: fail-rate < 101%", "percentage")]
    [InlineData("*: rps > many", "rate per second")]
    public void Parse_RefusesMalformedRules_SayingWhatIsWrong(string text, string expected)
    {
        Assert.False(ThresholdParser.TryParse(text, Known, out var rule, out var error));
        Assert.Null(rule);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => ThresholdParser.Parse(text, Known));
    }

    [Fact]
    public void UnknownMetricError_ListsTheKnownOnes()
    {
        ThresholdParser.TryParse("*: p42 < 1s", Known, out _, out var error);
        Assert.Contains("p50, p75, p90, p95, p99, p99.9, mean, max, fail-rate, rps", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*: p99 < 2s", 1999, true)]
    [InlineData("*: p99 < 2s", 2000, false)]
    [InlineData("*: p99 <= 2s", 2000, true)]
    [InlineData("*: p99 > 2s", 2000, false)]
    [InlineData("*: p99 >= 2s", 2000, true)]
    public void IsMet_ComparesWithTheOperator(string text, double value, bool met)
    {
        Assert.Equal(met, ThresholdParser.Parse(text, Known).IsMet(value));
    }

    [Fact]
    public void Measure_ReadsEndToEndLatencyFailRateAndThroughput()
    {
        var latency = new LatencySummary(10, 1, 2, 9, 1, 2, 3, 4, 5, 6, 7);
        var statistics = new ScenarioStatistics(90, 5, 5, 10, 9, 20, LatencySummary.Empty, latency, new Dictionary<int, long>(), [], []);
        Assert.Equal(6, ThresholdParser.Parse("*: p99 < 1s", Known).Measure(statistics));
        Assert.Equal(7, ThresholdParser.Parse("*: p99.9 < 1s", Known).Measure(statistics));
        Assert.Equal(10, ThresholdParser.Parse("*: fail-rate < 1%", Known).Measure(statistics));
        Assert.Equal(9, ThresholdParser.Parse("*: rps > 1", Known).Measure(statistics));
    }
}
