using System.Globalization;

namespace ConcurrencyService.Workloads.Timing;

/// <summary>
/// The machine's CPU time from the first line of Linux's <c>/proc/stat</c>, in clock ticks (<see cref="ProcStat.TicksPerSecond"/>)
/// summed over all cores since boot: <see cref="ProcStat"/>'s companion for the whole machine, so there is one reader of /proc.
/// </summary>
/// <param name="Busy">user + nice + system + irq + softirq: running something.</param>
/// <param name="Idle">idle + iowait: waiting for work or for a disk.</param>
/// <param name="Steal">Taken by the hypervisor for other guests.</param>
public readonly record struct MachineStat(long Busy, long Idle, long Steal)
{
    public long Total => Busy + Idle + Steal;

    /// <summary>The machine's line now, or null when there is no /proc or it cannot be read.</summary>
    public static MachineStat? Read() => Read("/proc/stat");

    /// <summary>The first line of the stat file at <paramref name="path"/>, or null when it is missing or unreadable.</summary>
    public static MachineStat? Read(string path)
    {
        try
        {
            return Parse(File.ReadLines(path).First());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The CPU's model name from <c>/proc/cpuinfo</c>, for reports that say where they were measured; null without /proc.</summary>
    public static string? CpuModel() => File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        : null;

    /// <summary>"cpu user nice system idle iowait irq softirq steal …".</summary>
    internal static MachineStat? Parse(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = new long[8];
        for (var i = 0; i < ticks.Length; i++)
        {
            if (i + 1 >= fields.Length || !long.TryParse(fields[i + 1], CultureInfo.InvariantCulture, out ticks[i]))
            {
                // Steal is missing only on very old kernels.
                if (i == 7 && fields.Length == 8)
                {
                    break;
                }

                return null;
            }
        }

        return new MachineStat(ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6], ticks[3] + ticks[4], ticks[7]);
    }
}
