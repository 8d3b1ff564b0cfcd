using System.Reflection;
using System.Text.Json;

namespace ConcurrencyService.Core.Requests;

/// <summary>
/// The JSON fields of a request record, as the API spells them (camelCase). The validators read a body by these names and
/// refuse any other, so the record the OpenAPI document shows is the one description of what a body may hold: a field
/// added to, renamed in or removed from the record is accepted, renamed or refused by the parser with it.
/// </summary>
public static class RequestFields
{
    /// <summary>Every field of <typeparamref name="TRequest"/>: its public instance properties, in declaration order.</summary>
    public static string[] Of<TRequest>() =>
        [.. typeof(TRequest).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => Name(p.Name))];

    /// <summary>One property's JSON name: pass it with <c>nameof</c>, so a rename in the record is a compile error here.</summary>
    public static string Name(string property) => JsonNamingPolicy.CamelCase.ConvertName(property);
}
