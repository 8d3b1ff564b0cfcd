using System.Globalization;

namespace ConcurrencyService.Load.Reports;

/// <summary>
/// When a comparison row's speedup does not measure the workers. Jobs at once well below the workers means they idled:
/// the users, not the workers, set the pace, and a ratio between steps measures the users added per step.
/// </summary>
public static class HeadlineFlags
{
    /// <summary>The jobs at once were under <see cref="Occupied"/> × the workers (or the 1-worker baseline's were).</summary>
    public const string WorkersIdle = "workersIdle";

    /// <summary>The speedup is above the ideal.</summary>
    public const string AboveIdeal = "aboveIdeal";

    /// <summary>Workers busy under this share of the time were not the bottleneck (the service's advisor uses the same).</summary>
    public const double Occupied = 0.5;

    /// <summary>Whether <paramref name="atOnce"/> jobs at once left <paramref name="workers"/> workers mostly idle.</summary>
    public static bool Idle(double? atOnce, int workers) => atOnce is { } a && workers > 0 && a < Occupied * workers;

    /// <summary>The row with its flags and the sentence that explains them; unchanged when nothing is wrong.</summary>
    /// <param name="baseline">The same scenario's row at 1 worker, the speedup's denominator.</param>
    public static HeadlineRow Apply(HeadlineRow row, HeadlineRow? baseline)
    {
        ArgumentNullException.ThrowIfNull(row);
        List<string> flags = [];
        List<string> why = [];
        if (Idle(row.AtOnce, row.Workers))
        {
            flags.Add(WorkersIdle);
            why.Add($"only {F(row.AtOnce!.Value, "0.0#")} jobs at once: the workers idled, so jobs/s here measures the users, not the workers");
        }
        else if (row.Workers != 1 && baseline is not null && Idle(baseline.AtOnce, baseline.Workers))
        {
            flags.Add(WorkersIdle);
            why.Add($"the 1-worker step had {F(baseline.AtOnce!.Value, "0.0#")} jobs at once: its worker idled, so the speedup measures the users added per step");
        }

        if (row.Speedup is { } speedup && row.Ideal is { } ideal && speedup > ideal)
        {
            flags.Add(AboveIdeal);
            why.Add(flags.Contains(WorkersIdle)
                ? $"{F(speedup, "0.00")}× is above the ideal {ideal}× because of that; read it as no measurement of the workers"
                : $"{F(speedup, "0.00")}× is above the ideal {ideal}×: N workers cannot do more than N times the work, so the 1-worker step ran slow (warm-up, a busy moment); read it as at most {ideal}×");
        }

        return flags.Count == 0 ? row : row with
        {
            Flags = flags,
            Note = $"{row.Scenario} on {Workers(row.Workers)}: {string.Join("; ", why)}.",
        };
    }

    /// <summary>The short text of a row's flags for a table cell.</summary>
    public static string Short(HeadlineRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Flags is not { Count: > 0 } flags
            ? ""
            : "⚑ " + string.Join(", ", flags.Select(f => f switch
            {
                WorkersIdle => "workers idle",
                AboveIdeal => "above ideal",
                _ => f,
            }));
    }

    private static string Workers(int workers) => workers == 1 ? "1 worker" : $"{workers} workers";

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
