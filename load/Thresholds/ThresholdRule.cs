using System.Globalization;
using ConcurrencyService.Load.Statistics;

namespace ConcurrencyService.Load.Thresholds;

/// <summary>
/// A rule such as <c>cpu-processes: p99 &lt; 2s</c>, checked against every step's statistics of the scenarios it names.
/// </summary>
/// <param name="Scenarios">Scenario names, or <c>*</c> for all.</param>
/// <param name="Limit">In the metric's unit: milliseconds, percent or per second.</param>
public sealed record ThresholdRule(string Text, IReadOnlyList<string> Scenarios, ThresholdMetric Metric, string Operator, double Limit)
{
    public bool AppliesTo(string scenario) => Scenarios.Contains("*") || Scenarios.Contains(scenario, StringComparer.Ordinal);

    public double Measure(ScenarioStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var latency = statistics.EndToEnd;
        return Metric switch
        {
            ThresholdMetric.P50 => latency.P50,
            ThresholdMetric.P75 => latency.P75,
            ThresholdMetric.P90 => latency.P90,
            ThresholdMetric.P95 => latency.P95,
            ThresholdMetric.P99 => latency.P99,
            ThresholdMetric.P999 => latency.P999,
            ThresholdMetric.Mean => latency.Mean,
            ThresholdMetric.Max => latency.Max,
            ThresholdMetric.FailRate => statistics.FailRatePercent,
            ThresholdMetric.Rps => statistics.OkPerSecond,
            _ => throw new NotSupportedException(Metric.ToString()),
        };
    }

    public bool IsMet(double value) => Operator switch
    {
        "<" => value < Limit,
        "<=" => value <= Limit,
        ">" => value > Limit,
        ">=" => value >= Limit,
        _ => throw new NotSupportedException(Operator),
    };

    public string FormatValue(double value) => Metric switch
    {
        ThresholdMetric.FailRate => string.Create(CultureInfo.InvariantCulture, $"{value:0.####}%"),
        ThresholdMetric.Rps => string.Create(CultureInfo.InvariantCulture, $"{value:0.##}/s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value:0.###} ms"),
    };
}
