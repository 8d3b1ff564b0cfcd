using System.Text.Json;

namespace ConcurrencyService.Client;

/// <summary>A job as the service reports it.</summary>
public partial class JobView
{
    /// <summary>Whether the job has ended (succeeded, failed, cancelled or timed out); it will not change again.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFinished => Status.IsFinal();

    /// <summary>The result as JSON, e.g. <c>{"sum":37550402023,"count":78498}</c> for <c>cpu.primes</c>; null until the job succeeds.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public JsonElement? ResultJson => Result switch
    {
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        JsonElement element => element,
        null => null,
        var other => JsonSerializer.SerializeToElement(other),
    };

    /// <summary>The result read as <typeparamref name="T"/> (camelCase JSON names, as the service writes them).</summary>
    /// <typeparam name="T">A type shaped like the workload's result, e.g. <c>record PrimesResult(long Sum, long Count)</c>.</typeparam>
    /// <returns>The result, or default when the job has none.</returns>
    public T? GetResult<T>() => ResultJson is { } json ? json.Deserialize<T>(JsonSerializerOptions.Web) : default;
}
