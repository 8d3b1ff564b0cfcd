using System.Diagnostics.Metrics;

namespace ConcurrencyService.Core.Telemetry;

/// <summary>The service's own meter; its instruments are exported at <c>/metrics</c> with the ASP.NET Core and runtime ones.</summary>
public sealed class ServiceMeter(IMeterFactory factory)
{
    public const string Name = "ConcurrencyService";

    public Meter Meter { get; } = factory.Create(Name);

    /// <summary>The tag value for an enum, as the JSON API spells it (lower case).</summary>
    public static string Tag<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
