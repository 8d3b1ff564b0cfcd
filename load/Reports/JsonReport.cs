using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConcurrencyService.Load.Reports;

/// <summary>report.json: the whole report, timelines included, for tools.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Render(RunReport report) => JsonSerializer.Serialize(report, Options);
}
