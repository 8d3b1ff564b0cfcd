using System.Globalization;

namespace ConcurrencyService.Experiments.Advice;

/// <summary>How the advisor writes numbers in its sentences: speedups as 1.9× [1.8, 2.0], shares as 98%, times in ms.</summary>
internal static class Words
{
    public static string Speedup(Estimate e) => Format(e, v => v.ToString("0.0#", CultureInfo.InvariantCulture), "×");

    /// <summary>A share as a percentage followed by its interval: 98% CPU [97, 99].</summary>
    public static string Percent(Estimate e, string what) => $"{Percent(e.Value)}% {what}{Bracket(e, Percent)}";

    public static string Percent(double share) => (share * 100).ToString(share < 0.01 ? "0.0#" : "0", CultureInfo.InvariantCulture);

    public static string Ms(Estimate e) => Format(e, Ms, " ms");

    public static string Ms(double ms) => ms.ToString(ms >= 10 ? "#,0" : "0.0##", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Workers(int workers) => workers == 1 ? "1 worker" : $"{workers} workers";

    private static string Format(Estimate e, Func<double, string> number, string unit) => $"{number(e.Value)}{unit}{Bracket(e, number)}";

    private static string Bracket(Estimate e, Func<double, string> number) =>
        e is { Low: { } low, High: { } high } ? $" [{number(low)}, {number(high)}]" : " (no 95% interval)";
}
