using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace ConcurrencyService.Core.Requests;

/// <summary>
/// The one parser for enum values in routes, queries and bodies: a declared name, case-insensitive, and nothing else.
/// <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> would also take numbers ("3") and comma lists
/// ("running,succeeded"), merging the latter into some other value.
/// </summary>
public static class StrictEnum
{
    public static bool TryParse<T>([NotNullWhen(true)] string? value, out T parsed)
        where T : struct, Enum
    {
        if (value is not null && Names<T>.ByName.TryGetValue(value, out parsed))
        {
            return true;
        }

        parsed = default;
        return false;
    }

    private static class Names<T>
        where T : struct, Enum
    {
        public static readonly FrozenDictionary<string, T> ByName =
            Enum.GetValues<T>().ToFrozenDictionary(v => v.ToString(), StringComparer.OrdinalIgnoreCase);
    }
}
