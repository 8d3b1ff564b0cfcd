using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Idempotency;

/// <summary>A hash of a JSON body that ignores what does not change its meaning: whitespace and the order of properties.</summary>
public static class CanonicalJson
{
    public static byte[] Hash(string scope, JsonNode? body)
    {
        ArgumentNullException.ThrowIfNull(scope);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(scope);
            Write(writer, body);
            writer.WriteEndArray();
        }

        return SHA256.HashData(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                // Numbers keep their text (1 and 1.0 differ to a validator); strings are re-escaped one way.
                node.WriteTo(writer);
                break;
        }
    }
}
