namespace ConcurrencyService.Api.Hosting;

/// <summary>
/// Parses an enum name from a request, case-insensitively, refusing what <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/>
/// would let through: numbers ("3"), undefined values, flag lists ("queued,running") and surrounding spaces.
/// </summary>
public static class StrictEnum
{
    public static bool TryParse<T>(string? value, out T parsed)
        where T : struct, Enum =>
        Enum.TryParse(value, ignoreCase: true, out parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)
        && !value.Contains(',', StringComparison.Ordinal) && value.Trim().Length == value.Length;
}
