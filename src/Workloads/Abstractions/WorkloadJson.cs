using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ConcurrencyService.Workloads;

/// <summary>The one JSON shape for pieces, outputs and results: camelCase, enums as camelCase strings.</summary>
public static class WorkloadJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(WorkloadJsonContext.Default, new DefaultJsonTypeInfoResolver());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
