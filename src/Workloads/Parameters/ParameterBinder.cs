using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Workloads.Parameters;

/// <summary>
/// Checks a JSON parameter object against a workload's specs: unknown names, missing required values, wrong
/// JSON types and out-of-range values each give one error naming the parameter. Nothing is coerced
/// silently: <c>"100"</c> is not an integer and <c>1.5</c> is not a whole number.
/// </summary>
public static class ParameterBinder
{
    public static ParameterBinding Bind(IWorkload workload, JsonObject? input)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = new SortedDictionary<string, object>(StringComparer.Ordinal);
        var specs = workload.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);

        foreach (var (name, _) in input ?? [])
        {
            if (!specs.ContainsKey(name))
            {
                errors[name] = $"'{workload.Name}' has no parameter '{name}'. Its parameters are: {Names(workload)}.";
            }
        }

        foreach (var spec in workload.Parameters)
        {
            JsonNode? node = null;
            var present = input is not null && input.TryGetPropertyValue(spec.Name, out node);
            if (!present || node is null)
            {
                if (spec.Default is null)
                {
                    errors[spec.Name] = $"'{spec.Name}' is required.";
                    continue;
                }

                node = spec.Default;
            }

            if (TryRead(spec, node, out var value, out var error))
            {
                values[spec.Name] = value;
            }
            else
            {
                errors[spec.Name] = error;
            }
        }

        if (errors.Count > 0)
        {
            return new ParameterBinding(null, errors);
        }

        var bound = new ParameterValues(values);
        foreach (var (name, error) in workload.Validate(bound))
        {
            errors[name] = error;
        }

        return errors.Count > 0 ? new ParameterBinding(null, errors) : new ParameterBinding(bound, errors);
    }

    private static string Names(IWorkload workload) =>
        workload.Parameters.Count == 0 ? "(none)" : string.Join(", ", workload.Parameters.Select(p => p.Name));

    private static bool TryRead(ParameterSpec spec, JsonNode node, out object value, out string error)
    {
        value = null!;
        error = string.Empty;
        var kind = node.GetValueKind();
        if (kind == JsonValueKind.Number && node is JsonValue)
        {
            // A value built in C# (JsonValue.Create(5)) holds an int, which TryGetValue<long> refuses; its JSON text reads uniformly.
            node = JsonNode.Parse(node.ToJsonString())!;
        }

        switch (spec.Type)
        {
            case ParameterType.Integer:
                if (kind != JsonValueKind.Number || !node.AsValue().TryGetValue<long>(out var whole))
                {
                    error = $"'{spec.Name}' must be a whole number{Range(spec)}; got {Describe(node)}.";
                    return false;
                }

                if (whole < spec.Minimum || whole > spec.Maximum)
                {
                    error = $"'{spec.Name}' must be{Range(spec)}; got {whole.ToString(CultureInfo.InvariantCulture)}.";
                    return false;
                }

                value = whole;
                return true;

            case ParameterType.Number:
                if (kind != JsonValueKind.Number || !node.AsValue().TryGetValue<double>(out var number) || !double.IsFinite(number))
                {
                    error = $"'{spec.Name}' must be a number{Range(spec)}; got {Describe(node)}.";
                    return false;
                }

                if (number < spec.Minimum || number > spec.Maximum)
                {
                    error = $"'{spec.Name}' must be{Range(spec)}; got {number.ToString(CultureInfo.InvariantCulture)}.";
                    return false;
                }

                value = number;
                return true;

            case ParameterType.String:
            case ParameterType.Url:
                if (kind != JsonValueKind.String)
                {
                    error = $"'{spec.Name}' must be a string; got {Describe(node)}.";
                    return false;
                }

                var text = node.GetValue<string>();
                if (text.Length > spec.MaxLength)
                {
                    error = $"'{spec.Name}' must be at most {spec.MaxLength} characters long.";
                    return false;
                }

                if (spec.AllowedValues is { } allowed && !allowed.Contains(text, StringComparer.Ordinal))
                {
                    error = $"'{spec.Name}' must be one of: {string.Join(", ", allowed)}; got '{text}'.";
                    return false;
                }

                if (spec.Type == ParameterType.Url
                    && (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
                {
                    error = $"'{spec.Name}' must be an absolute http or https URL; got '{text}'.";
                    return false;
                }

                value = text;
                return true;

            default:
                throw new InvalidOperationException($"Unknown parameter type {spec.Type}.");
        }
    }

    private static string Range(ParameterSpec spec) => (spec.Minimum, spec.Maximum) switch
    {
        ({ } min, { } max) => string.Create(CultureInfo.InvariantCulture, $" from {min:R} to {max:R}"),
        _ => string.Empty,
    };

    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => $"the string {node.ToJsonString()}",
        JsonValueKind.Number => $"the number {node.ToJsonString()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {node.ToJsonString()}",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };
}

/// <summary>The outcome of <see cref="ParameterBinder.Bind"/>: values when valid, else errors keyed by parameter name.</summary>
public sealed record ParameterBinding(ParameterValues? Values, IReadOnlyDictionary<string, string> Errors)
{
    public bool IsValid => Values is not null;
}
