using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Load.Running;

/// <summary>
/// Who used the CPU while a scenario ran, from Linux's /proc: the server's process tree (API, worker host, workers),
/// this load generator, and everything else on the machine — so a report shows when its load generator was busy or the
/// machine was shared. Elsewhere it measures nothing.
/// </summary>
public sealed class CpuMonitor(int? serverProcessId)
{
    public Sample? Take()
    {
        // A view of the machine is a nicety: without /proc (or when it cannot be read) a run simply has none.
        if (MachineStat.Read() is not { } machine)
        {
            return null;
        }

        var server = serverProcessId is { } pid ? ServerTicks(pid) : 0;
        return new Sample(DateTime.UtcNow, machine.Busy, machine.Steal, server, Ticks(ProcStat.Of(Environment.ProcessId)));
    }

    /// <summary>Average cores used between two samples, by whom.</summary>
    public CpuUse? Between(Sample? start, Sample? end)
    {
        if (start is null || end is null || end.At <= start.At)
        {
            return null;
        }

        var ticks = (end.At - start.At).TotalSeconds * ProcStat.TicksPerSecond;
        var server = (end.ServerTicks - start.ServerTicks) / ticks;
        var runner = (end.RunnerTicks - start.RunnerTicks) / ticks;
        var busy = (end.BusyTicks - start.BusyTicks) / ticks;
        return new CpuUse(
            serverProcessId is null ? null : Round(server),
            Round(runner),
            Round(Math.Max(0, busy - server - runner)),
            Round((end.StealTicks - start.StealTicks) / ticks));
    }

    private static double Round(double cores) => Math.Round(cores, 2);

    private static long Ticks(ProcStat? stat) => stat is { } s ? s.UserTicks + s.SystemTicks : 0;

    /// <summary>The server and every live process below it (worker host, workers).</summary>
    private static long ServerTicks(int root)
    {
        var all = ProcStat.All();
        return ProcStat.TreeOf(root, all).Sum(pid => Ticks(all.GetValueOrDefault(pid)));
    }

    /// <summary>Cumulative CPU ticks at one moment.</summary>
    public sealed record Sample(DateTime At, long BusyTicks, long StealTicks, long ServerTicks, long RunnerTicks);
}
