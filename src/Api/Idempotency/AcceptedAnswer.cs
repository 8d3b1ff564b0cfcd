using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConcurrencyService.Api.Idempotency;

/// <summary>
/// An idempotent submission's answer (<c>Accepted&lt;TValue&gt;</c>) as JSON and back, so a node can repeat an answer another
/// node gave: its <c>Location</c> and its body.
/// </summary>
internal static class AcceptedAnswer<T>
    where T : class, IResult
{
    private static readonly Type ValueType = typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(Accepted<>)
        ? typeof(T).GetGenericArguments()[0]
        : throw new NotSupportedException($"Idempotent answers are Accepted<TValue>; {typeof(T).Name} is not.");

    private static readonly MethodInfo Create = typeof(TypedResults).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Single(m => m.Name == nameof(TypedResults.Accepted) && m.IsGenericMethodDefinition && m.GetParameters() is [{ ParameterType: var p }, _] && p == typeof(string))
        .MakeGenericMethod(ValueType);

    private static readonly PropertyInfo Location = typeof(T).GetProperty(nameof(Accepted.Location))!;

    private static readonly JsonSerializerOptions Json = CreateJson();

    public static string Write(T answer)
    {
        var accepted = (IValueHttpResult)answer;
        var location = (string?)Location.GetValue(answer);
        return JsonSerializer.Serialize(new Stored(location, JsonSerializer.SerializeToElement(accepted.Value, ValueType, Json)), Json);
    }

    public static T Read(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json, Json) ?? throw new JsonException("An idempotent answer was null.");
        return (T)Create.Invoke(null, [stored.Location, stored.Value.Deserialize(ValueType, Json)])!;
    }

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return json;
    }

    private sealed record Stored(string? Location, JsonElement Value);
}
