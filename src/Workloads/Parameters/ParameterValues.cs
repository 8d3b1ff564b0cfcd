using System.Globalization;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Workloads.Parameters;

/// <summary>
/// Parameters that passed their specs, with defaults filled in. Serialises back to the normalised JSON
/// object that a job stores, so a job can be re-planned anywhere from its record alone.
/// </summary>
public sealed class ParameterValues
{
    private readonly SortedDictionary<string, object> _values;

    internal ParameterValues(SortedDictionary<string, object> values) => _values = values;

    public long GetInt64(string name) => Convert.ToInt64(Get(name), CultureInfo.InvariantCulture);

    public double GetDouble(string name) => Convert.ToDouble(Get(name), CultureInfo.InvariantCulture);

    public string GetString(string name) => (string)Get(name);

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        foreach (var (name, value) in _values)
        {
            json[name] = value switch
            {
                long l => JsonValue.Create(l),
                double d => JsonValue.Create(d),
                string s => JsonValue.Create(s),
                _ => throw new InvalidOperationException($"Unexpected parameter value type {value.GetType()}."),
            };
        }

        return json;
    }

    private object Get(string name) =>
        _values.TryGetValue(name, out var value)
            ? value
            : throw new KeyNotFoundException($"No parameter named '{name}'.");
}
