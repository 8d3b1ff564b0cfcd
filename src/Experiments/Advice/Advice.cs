namespace ConcurrencyService.Experiments.Advice;

/// <summary>The advisor's answer to "threads or processes?" for one workload on this machine, with its evidence.</summary>
/// <param name="DotNet">For .NET and other runtimes without a global interpreter lock (threads vs processes).</param>
/// <param name="Gil">For a runtime with a GIL such as CPython (threads+gil vs processes).</param>
/// <param name="Notes">Plain sentences on what weakens the measurements: noise, a Debug build, suspicious speedups.</param>
/// <param name="CannotTell">What these timings say nothing about, to weigh beside them.</param>
/// <param name="Doubts">The noise rules that fired, for a caller deciding whether to repeat or lengthen the runs.</param>
public sealed record Advice(
    Profile Profile,
    IReadOnlyList<SpeedupPoint> Curve,
    Costs Costs,
    Recommendation DotNet,
    Recommendation Gil,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> CannotTell,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(DoubtsJsonConverter))] Doubts Doubts);
