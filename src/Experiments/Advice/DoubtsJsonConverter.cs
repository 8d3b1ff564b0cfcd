using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConcurrencyService.Experiments.Advice;

/// <summary><see cref="Doubts"/> on the wire as a list of names (<c>["busyMachine", "wideIntervals"]</c>), not a comma-joined string.</summary>
public sealed class DoubtsJsonConverter : JsonConverter<Doubts>
{
    public override Doubts Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Doubts are a list of names.");
        }

        var doubts = Doubts.None;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            doubts |= Enum.TryParse<Doubts>(reader.GetString(), ignoreCase: true, out var doubt) ? doubt : throw new JsonException($"Unknown doubt '{reader.GetString()}'.");
        }

        return doubts;
    }

    public override void Write(Utf8JsonWriter writer, Doubts value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        foreach (var doubt in Enum.GetValues<Doubts>().Where(d => d != Doubts.None && value.HasFlag(d)))
        {
            writer.WriteStringValue(JsonNamingPolicy.CamelCase.ConvertName(doubt.ToString()));
        }

        writer.WriteEndArray();
    }
}
