using System.Globalization;

namespace ConcurrencyService.Benchmarks;

/// <summary>
/// CPU time of processes from /proc (user + system), so a benchmark can say what a task cost in CPU across every
/// process it crossed: a figure other load on the machine inflates far less than wall time.
/// </summary>
public static class ProcessCpu
{
    private static readonly double TickMs = 1000.0 / 100; // USER_HZ is 100 on Linux

    /// <summary>Milliseconds of CPU the processes have used so far; NaN where /proc is missing.</summary>
    public static double TotalMs(params int[] processIds) => processIds.Sum(pid => Read(pid)?.CpuMs ?? double.NaN);

    /// <summary>Milliseconds of CPU used so far by <paramref name="root"/> and every live process below it.</summary>
    public static double TreeMs(int root)
    {
        var all = Directory.EnumerateDirectories("/proc")
            .Select(dir => int.TryParse(Path.GetFileName(dir), out var pid) ? (Pid: pid, Stat: Read(pid)) : (Pid: 0, Stat: null))
            .Where(p => p.Stat is not null)
            .ToList();
        var tree = new HashSet<int> { root };
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, stat) in all)
            {
                grew |= tree.Contains(stat!.Value.ParentId) && tree.Add(pid);
            }
        }
        while (grew);

        return all.Where(p => tree.Contains(p.Pid)).Sum(p => p.Stat!.Value.CpuMs);
    }

    private static (int ParentId, double CpuMs)? Read(int pid)
    {
        try
        {
            // Fields after the command name (which may hold spaces): state is 3rd, ppid 4th, utime 14th, stime 15th.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (int.Parse(fields[1], CultureInfo.InvariantCulture), ticks * TickMs);
        }
        catch (IOException)
        {
            return null; // no such process, or it ended meanwhile
        }
    }
}
