using System.Text.RegularExpressions;
using NSwag;
using NSwag.CodeGeneration;

namespace ConcurrencyService.Client.Generator;

/// <summary>
/// C# parameter names in camelCase from any OpenAPI name: <c>Idempotency-Key</c> becomes <c>idempotencyKey</c>
/// (NSwag's default makes <c>idempotency_Key</c>). A name two parameters of one operation share gets its location
/// appended (<c>idQuery</c>).
/// </summary>
internal sealed partial class CamelCaseParameterNameGenerator : IParameterNameGenerator
{
    public string Generate(OpenApiParameter parameter, IEnumerable<OpenApiParameter> allParameters)
    {
        var name = CamelCase(parameter.Name);
        return allParameters.Count(p => CamelCase(p.Name) == name) > 1 ? name + parameter.Kind : name;
    }

    private static string CamelCase(string name)
    {
        var words = NotAWord().Split(name).Where(w => w.Length > 0);
        var joined = string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        return joined.Length == 0 ? "value" : char.ToLowerInvariant(joined[0]) + joined[1..];
    }

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NotAWord();
}
