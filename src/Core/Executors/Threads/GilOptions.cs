using System.ComponentModel.DataAnnotations;

namespace ConcurrencyService.Core.Executors.Threads;

/// <summary>The emulated GIL that thread jobs submitted with <c>"gil": true</c> run under. Section <c>Executors:Threads:Gil</c>.</summary>
public sealed class GilOptions
{
    public const string Section = "Executors:Threads:Gil";

    /// <summary>
    /// How long a piece may hold the GIL while another waits before it must hand it over at its next checkpoint:
    /// CPython's <c>sys.getswitchinterval()</c>, 5 ms by default.
    /// </summary>
    [Range(0.1, 1000.0)]
    public double SwitchIntervalMs { get; set; } = 5;

    public TimeSpan SwitchInterval => TimeSpan.FromMilliseconds(SwitchIntervalMs);
}
