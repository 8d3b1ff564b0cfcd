using System.Globalization;

namespace ConcurrencyService.Load.Running;

/// <summary>
/// Who used the CPU while a scenario ran, from Linux's /proc: the server's process tree (API, worker host, workers),
/// this load generator, and everything else on the machine — so a report shows when its load generator was busy or the
/// machine was shared. Elsewhere it measures nothing.
/// </summary>
public sealed class CpuMonitor(int? serverProcessId)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, the unit of /proc/stat and /proc/<pid>/stat on Linux

    public Sample? Take()
    {
        if (!File.Exists("/proc/stat"))
        {
            return null;
        }

        try
        {
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            var busy = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6]; // user, nice, system, irq, softirq
            var steal = cpu.Length > 7 ? cpu[7] : 0;
            var server = serverProcessId is { } pid ? ProcessTree(pid).Sum(ProcessTicks) : 0;
            return new Sample(DateTime.UtcNow, busy, steal, server, ProcessTicks(Environment.ProcessId));
        }
        catch (Exception ex) when (ex is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
        {
            return null; // a view of the machine is a nicety; never fail a run for it
        }
    }

    /// <summary>Average cores used between two samples, by whom.</summary>
    public CpuUse? Between(Sample? start, Sample? end)
    {
        if (start is null || end is null || end.At <= start.At)
        {
            return null;
        }

        var ticks = (end.At - start.At).TotalSeconds * TicksPerSecond;
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

    private static long ProcessTicks(int pid)
    {
        var stat = Stat(pid);
        return stat is null ? 0 : long.Parse(stat[11], CultureInfo.InvariantCulture) + long.Parse(stat[12], CultureInfo.InvariantCulture); // utime, stime
    }

    /// <summary>The fields of /proc/pid/stat after the command name (which may hold spaces): field 3 (state) first.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // exited meanwhile
        }
    }

    private static List<int> ProcessTree(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Stat(pid) is { } stat)
            {
                parents[pid] = int.Parse(stat[1], CultureInfo.InvariantCulture);
            }
        }

        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(parents.Where(p => p.Value == tree[i]).Select(p => p.Key));
        }

        return tree;
    }

    /// <summary>Cumulative CPU ticks at one moment.</summary>
    public sealed record Sample(DateTime At, long BusyTicks, long StealTicks, long ServerTicks, long RunnerTicks);
}
