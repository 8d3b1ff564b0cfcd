namespace ConcurrencyService.Load.Models;

/// <summary>How iterations are started. Warm-up runs before the measured part and is excluded from statistics.</summary>
public abstract record LoadModel
{
    /// <summary>A short description for reports, e.g. <c>closed: 8 users for 20 s</c>.</summary>
    public abstract string Describe();
}

/// <summary>
/// N virtual users, each starting its next iteration when its last one ends (every user runs at least one); a ramp adds
/// users linearly.
/// </summary>
public sealed record ClosedModel(int Users, TimeSpan Duration, TimeSpan Ramp) : LoadModel
{
    /// <summary>
    /// When more than 0, the measured part goes on past <see cref="Duration"/> until this many measured iterations have
    /// finished, or until <see cref="MaxDuration"/>: a short run on a slow machine still measures something.
    /// </summary>
    public long MinIterations { get; init; }

    /// <summary>The longest the measured part may last while it waits for <see cref="MinIterations"/>.</summary>
    public TimeSpan MaxDuration { get; init; }

    /// <summary>When user <paramref name="user"/> (from 0) joins, counted from the start of the step.</summary>
    public TimeSpan UserStart(int user) => Users <= 1 ? TimeSpan.Zero : Ramp * user / Users;

    public override string Describe() =>
        $"closed: {Users} users for {Durations.Format(Duration)}"
        + (MinIterations > 0 ? $" or until {MinIterations} iterations (at most {Durations.Format(MaxDuration)})" : "")
        + (Ramp > TimeSpan.Zero ? $", ramp {Durations.Format(Ramp)}" : "");
}

/// <summary>
/// A target arrival rate: iteration i is due at a fixed time whatever the service does, and its latency counts from
/// then. An iteration due while <see cref="MaxInFlight"/> are running is dropped, not delayed.
/// </summary>
public sealed record OpenModel(double Rate, TimeSpan Duration, TimeSpan Ramp, int MaxInFlight) : LoadModel
{
    public OpenSchedule Schedule => new(Rate, Ramp);

    public override string Describe() =>
        $"open: {Rate:0.##}/s for {Durations.Format(Duration)}" + (Ramp > TimeSpan.Zero ? $", ramp {Durations.Format(Ramp)}" : "") + $", max {MaxInFlight} in flight";
}

/// <summary>A fixed number of measured iterations run by <see cref="Concurrency"/> users.</summary>
public sealed record IterationsModel(long Iterations, int Concurrency) : LoadModel
{
    public override string Describe() => $"iterations: {Iterations} by {Concurrency} users";
}
