using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Core.Requests;

/// <summary>
/// Reads the fields of a JSON request body one by one, adding an error that names the field (as a JSON path) and
/// what was wrong with it, rather than leaving it to a deserializer whose errors name CLR types.
/// </summary>
public static class JsonFields
{
    public static void RejectUnknown(JsonObject root, IReadOnlyCollection<string> fields, string what, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var (name, _) in root)
        {
            if (!fields.Contains(name, StringComparer.Ordinal))
            {
                errors[name] = [$"Unknown property '{name}'. {what} has: {string.Join(", ", fields)}."];
            }
        }
    }

    public static int ReadInt(JsonObject root, string name, int min, int max, int fallback, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(errors);
        var node = root[name];
        if (node is null)
        {
            return fallback;
        }

        if (!TryReadInt(node, min, max, out var value))
        {
            errors[name] = [$"'{name}' must be a whole number from {min} to {max}; got {Describe(node)}."];
            return fallback;
        }

        return value;
    }

    public static bool TryReadInt(JsonNode node, int min, int max, out int value)
    {
        ArgumentNullException.ThrowIfNull(node);
        value = 0;
        return node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue(out value) && value >= min && value <= max;
    }

    public static bool ReadBool(JsonObject root, string name, bool fallback, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(errors);
        var node = root[name];
        if (node is null)
        {
            return fallback;
        }

        if (node.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors[name] = [$"'{name}' must be true or false; got {Describe(node)}."];
            return fallback;
        }

        return node.GetValue<bool>();
    }

    /// <summary>A JSON value as an error message shows it.</summary>
    public static string Describe(JsonNode? node) => node is null ? "null" : node.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => node.ToJsonString(),
    };
}
