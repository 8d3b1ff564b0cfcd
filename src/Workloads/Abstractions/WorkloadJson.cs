using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ConcurrencyService.Workloads;

/// <summary>The one JSON shape for pieces, outputs and results: camelCase, enums as camelCase strings.</summary>
public static class WorkloadJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>The metadata for <typeparamref name="T"/>: source-generated where <see cref="WorkloadJsonContext"/> lists it, else by reflection.</summary>
    /// <exception cref="NotSupportedException">
    /// <typeparamref name="T"/> is not listed and reflection is off (the trimmed worker, see the Worker project).
    /// </exception>
    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    /// <inheritdoc cref="Info{T}"/>
    public static JsonTypeInfo Info(Type type) => Options.GetTypeInfo(type);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification =
        "The reflection-based resolver is added only where reflection-based JSON is enabled, which trimmed apps (the lean worker) turn off.")]
    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.TypeInfoResolver = JsonSerializer.IsReflectionEnabledByDefault
            ? JsonTypeInfoResolver.Combine(WorkloadJsonContext.Default, new DefaultJsonTypeInfoResolver())
            : WorkloadJsonContext.Default;
        options.MakeReadOnly();
        return options;
    }
}
