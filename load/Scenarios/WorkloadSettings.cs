namespace ConcurrencyService.Load.Scenarios;

/// <summary>The job sizes of the job scenarios.</summary>
/// <param name="SleepMs">The <c>io.sleep</c> of the io-* scenarios.</param>
/// <param name="PrimesBelow">The <c>cpu.primes</c> bound of the cpu-* scenarios.</param>
/// <param name="Tasks">How many tasks each job is split into.</param>
/// <param name="Custom">The job of the workload-* scenarios (<c>--workload</c>); null when none was given.</param>
public sealed record WorkloadSettings(int SleepMs = 100, int PrimesBelow = 200_000, int Tasks = 1, CustomJob? Custom = null);
