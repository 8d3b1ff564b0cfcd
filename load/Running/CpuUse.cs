namespace ConcurrencyService.Load.Running;

/// <summary>
/// Average cores used during a scenario run (warm-up included): by the server's process tree (null when it runs
/// elsewhere, and then counted in <see cref="Others"/>), by this load generator, and by everything else on the
/// machine. <see cref="Steal"/> is time the hypervisor gave to other machines.
/// </summary>
public sealed record CpuUse(double? Server, double LoadGenerator, double Others, double Steal);
