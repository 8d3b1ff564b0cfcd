using System.Globalization;

namespace ConcurrencyService.Experiments.Claims;

/// <summary>
/// What the tutorials' Python programs measured in this claims run (<see cref="CPythonPrograms"/>), or why a figure is
/// missing: still measuring, CPython not found, a program that failed or ran out of time.
/// </summary>
public sealed record CPythonEvidence(string? Pending, CPythonResult? StartCost, CPythonResult? Primes, CPythonResult? Sleeps)
{
    public static CPythonEvidence Measuring { get; } = new("CPython: measuring after the .NET presets", null, null, null);

    public static CPythonEvidence NotRun { get; } = new("CPython: not run", null, null, null);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Tutorial 1's figures: ms per process start + join (a fresh interpreter: spawn) against ms per thread.</summary>
    public string StartCostText() => Text(StartCost, r => r.Number("processMs") is { } process && r.Number("threadMs") is { } thread
        ? string.Create(Invariant, $"{process:0.#} ms per process start + join ({r.Json!["method"]}) against {thread:0.###} ms per thread ({process / thread:0.#}×)")
        : null);

    /// <summary>Tutorial 3's Pool(2).map against the sequential loop.</summary>
    public string PoolText() => Text(Primes, r => r.Number("poolS") is { } pool && r.Number("sequentialS") is { } sequential
        ? string.Create(Invariant, $"multiprocessing.Pool({r.Json!["workers"]}).map of the primes below {r.Json["below"]:N0}: {pool:0.00} s against {sequential:0.00} s sequential ({sequential / pool:0.00}×)")
        : null);

    /// <summary>Tutorial 3's ThreadPoolExecutor(2).map against the sequential loop.</summary>
    public string ThreadsText() => Text(Primes, r => r.Number("threadsS") is { } threads && r.Number("sequentialS") is { } sequential
        ? string.Create(Invariant, $"ThreadPoolExecutor({r.Json!["workers"]}).map of the primes below {r.Json["below"]:N0}: {threads:0.00} s against {sequential:0.00} s sequential ({sequential / threads:0.00}×)")
        : null);

    /// <summary>Tutorial 4's sleeps on ThreadPoolExecutor against one after another.</summary>
    public string SleepsText() => Text(Sleeps, r => r.Number("threadsS") is { } threads && r.Number("sequentialS") is { } sequential
        ? string.Create(Invariant, $"{r.Json!["count"]} sleeps of {r.Json["seconds"]} s: {sequential:0.00} s one after another, {threads:0.00} s on ThreadPoolExecutor({r.Json["workers"]}) ({sequential / threads:0.0}×)")
        : null);

    private string Text(CPythonResult? result, Func<CPythonResult, string?> describe) =>
        Pending ?? (result is null ? "not measured" : result.Problem ?? (describe(result) is { } text ? $"{text}; CPython {result.Version}" : "the program printed no figures"));
}
