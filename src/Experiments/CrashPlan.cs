namespace ConcurrencyService.Experiments;

/// <summary>
/// Tutorial 5: the primes below <see cref="Below"/> as <see cref="Tasks"/> − 1 tasks plus one <c>debug.crash</c> task, on a
/// warm pool of <see cref="Workers"/> worker processes; then the same primes again on the refilled pool.
/// </summary>
public sealed record CrashPlan(string Title, int Workers, int Tasks, long Below) : ExperimentPlan(ExperimentKind.Crash, Title)
{
    /// <summary>The round with the crash, and the round after it.</summary>
    public override int RunsTotal => 2;
}
