using System.Globalization;

namespace ConcurrencyService.Load;

/// <summary>Durations on the command line and in reports: <c>500ms</c>, <c>20s</c>, <c>2m</c>, <c>250us</c>.</summary>
public static class Durations
{
    private static readonly (string Unit, double Ms)[] Units = [("us", 0.001), ("µs", 0.001), ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        // Longest unit first so "ms" is not read as "m" after "…s".
        foreach (var (unit, ms) in Units.OrderByDescending(u => u.Unit.Length))
        {
            if (text.EndsWith(unit, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^unit.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && value >= 0 && double.IsFinite(value))
            {
                duration = TimeSpan.FromMilliseconds(value * ms);
                return true;
            }
        }

        return false;
    }

    public static string Format(TimeSpan duration) => duration.TotalMilliseconds switch
    {
        0 => "0 s",
        < 1 => $"{duration.TotalMicroseconds.ToString("0.##", CultureInfo.InvariantCulture)} µs",
        < 1000 => $"{duration.TotalMilliseconds.ToString("0.##", CultureInfo.InvariantCulture)} ms",
        _ => $"{duration.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s",
    };
}
