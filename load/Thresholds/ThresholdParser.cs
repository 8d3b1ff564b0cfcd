using System.Globalization;
using System.Text.RegularExpressions;

namespace ConcurrencyService.Load.Thresholds;

/// <summary>
/// Parses <c>SCENARIOS: METRIC OP VALUE</c>: <c>cpu-processes: p99 &lt; 2s</c>, <c>io-threads,io-processes: p50 &lt;= 150ms</c>,
/// <c>*: fail-rate &lt; 1%</c>, <c>cpu-threads: rps &gt; 5</c>. Errors say what is wrong and show the form.
/// </summary>
public static partial class ThresholdParser
{
    public const string Form = "'SCENARIOS: METRIC OP VALUE', e.g. 'cpu-processes: p99 < 2s' or '*: fail-rate < 1%'";

    private static readonly Dictionary<string, ThresholdMetric> Metrics = new(StringComparer.OrdinalIgnoreCase)
    {
        ["p50"] = ThresholdMetric.P50,
        ["p75"] = ThresholdMetric.P75,
        ["p90"] = ThresholdMetric.P90,
        ["p95"] = ThresholdMetric.P95,
        ["p99"] = ThresholdMetric.P99,
        ["p99.9"] = ThresholdMetric.P999,
        ["p999"] = ThresholdMetric.P999,
        ["mean"] = ThresholdMetric.Mean,
        ["max"] = ThresholdMetric.Max,
        ["fail-rate"] = ThresholdMetric.FailRate,
        ["rps"] = ThresholdMetric.Rps,
    };

    private static readonly (string Unit, double Ms)[] LatencyUnits = [("us", 0.001), ("µs", 0.001), ("ms", 1), ("s", 1000)];

    public static bool TryParse(string text, IReadOnlyCollection<string> knownScenarios, out ThresholdRule? rule, out string? error)
    {
        ArgumentNullException.ThrowIfNull(knownScenarios);
        rule = null;
        error = Check(text, knownScenarios, ref rule);
        return error is null;
    }

    public static ThresholdRule Parse(string text, IReadOnlyCollection<string> knownScenarios) =>
        TryParse(text, knownScenarios, out var rule, out var error) ? rule! : throw new FormatException(error);

    private static string? Check(string? text, IReadOnlyCollection<string> knownScenarios, ref ThresholdRule? rule)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return $"A threshold is empty; expected {Form}.";
        }

        var quoted = $"Threshold '{text}'";
        var parts = Rule().Match(text);
        if (!parts.Success)
        {
            return $"{quoted} does not read as {Form}.";
        }

        var scenarios = parts.Groups["scenarios"].Value.Split(',', StringSplitOptions.TrimEntries);
        if (scenarios.FirstOrDefault(s => s != "*" && !knownScenarios.Contains(s)) is { } unknown)
        {
            return $"{quoted}: unknown scenario '{unknown}'; known: *, {string.Join(", ", knownScenarios)}.";
        }

        if (!Metrics.TryGetValue(parts.Groups["metric"].Value, out var metric))
        {
            return $"{quoted}: unknown metric '{parts.Groups["metric"].Value}'; known: {string.Join(", ", Metrics.Keys.Where(k => k != "p999"))}.";
        }

        var value = parts.Groups["value"].Value;
        if (ParseLimit(metric, value) is not { } limit)
        {
            return $"{quoted}: '{value}' is not a {ExpectedValue(metric)}.";
        }

        rule = new ThresholdRule(text.Trim(), scenarios, metric, parts.Groups["op"].Value, limit);
        return null;
    }

    private static double? ParseLimit(ThresholdMetric metric, string value)
    {
        switch (metric)
        {
            case ThresholdMetric.FailRate:
                return value.EndsWith('%') && Number(value[..^1]) is { } percent && percent <= 100 ? percent : null;
            case ThresholdMetric.Rps:
                return Number(value.EndsWith("/s", StringComparison.Ordinal) ? value[..^2] : value);
            default:
                foreach (var (unit, ms) in LatencyUnits.OrderByDescending(u => u.Unit.Length))
                {
                    if (value.EndsWith(unit, StringComparison.Ordinal))
                    {
                        return Number(value[..^unit.Length]) * ms;
                    }
                }

                return null;
        }
    }

    private static double? Number(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0 && double.IsFinite(number) ? number : null;

    private static string ExpectedValue(ThresholdMetric metric) => metric switch
    {
        ThresholdMetric.FailRate => "percentage from 0% to 100% (e.g. 1%)",
        ThresholdMetric.Rps => "rate per second (e.g. 5 or 5/s)",
        _ => "duration with a unit: us, ms or s (e.g. 150ms, 2s)",
    };

    [GeneratedRegex(@"^\s*(?<scenarios>[^:]+?)\s*:\s*(?<metric>[A-Za-z0-9.\-]+)\s*(?<op><=|>=|<|>)\s*(?<value>\S+)\s*$")]
    private static partial Regex Rule();
}
