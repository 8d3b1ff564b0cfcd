using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Benchmarks;

/// <summary>
/// CPU time of processes from /proc (user + system), so a benchmark can say what a task cost in CPU across every
/// process it crossed: a figure other load on the machine inflates far less than wall time.
/// </summary>
public static class ProcessCpu
{
    /// <summary>Milliseconds of CPU the processes have used so far; NaN where /proc is missing.</summary>
    public static double TotalMs(params int[] processIds) => processIds.Sum(pid => ProcStat.Of(pid)?.Cpu.TotalMilliseconds ?? double.NaN);

    /// <summary>Milliseconds of CPU used so far by <paramref name="root"/> and every live process below it.</summary>
    public static double TreeMs(int root)
    {
        var all = ProcStat.All();
        return ProcStat.TreeOf(root, all).Sum(pid => all.TryGetValue(pid, out var stat) ? stat.Cpu.TotalMilliseconds : 0);
    }
}
