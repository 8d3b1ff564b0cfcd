using System.Text.Json.Nodes;

namespace ConcurrencyService.Workloads.Parameters;

/// <summary>
/// One parameter of a workload: its type, whether it is required or its default, and its limits.
/// Limits are inclusive. Every parameter has an upper limit, so no request can start a runaway job.
/// </summary>
public sealed record ParameterSpec(string Name, ParameterType Type, string Description)
{
    // A number or string until someone asks for the JSON: a worker process builds the catalog too, and it should not
    // load a JSON library to start (docs/performance.md, "Pieces and outputs in binary, and no JSON in a worker").
    private object? _default;

    /// <summary>The default as JSON (a new node on each call), or null when the parameter is required.</summary>
    public JsonNode? Default => _default switch
    {
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        string s => JsonValue.Create(s),
        _ => null,
    };

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }

    /// <summary>For <see cref="ParameterType.String"/>: the values accepted, if it is an enumeration.</summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }

    /// <summary>For strings and URLs.</summary>
    public int MaxLength { get; init; } = 2048;

    public bool Required => _default is null;

    public static ParameterSpec Integer(string name, string description, long min, long max, long? defaultValue = null) =>
        new(name, ParameterType.Integer, description)
        {
            Minimum = min,
            Maximum = max,
            _default = defaultValue,
        };

    public static ParameterSpec Number(string name, string description, double min, double max, double? defaultValue = null) =>
        new(name, ParameterType.Number, description)
        {
            Minimum = min,
            Maximum = max,
            _default = defaultValue,
        };

    public static ParameterSpec Choice(string name, string description, IReadOnlyList<string> allowed, string? defaultValue = null) =>
        new(name, ParameterType.String, description)
        {
            AllowedValues = allowed,
            _default = defaultValue,
        };

    public static ParameterSpec Text(string name, string description, int maxLength, string? defaultValue = null) =>
        new(name, ParameterType.String, description)
        {
            MaxLength = maxLength,
            _default = defaultValue,
        };

    public static ParameterSpec Url(string name, string description) =>
        new(name, ParameterType.Url, description);
}
