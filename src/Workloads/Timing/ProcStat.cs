using System.Globalization;

namespace ConcurrencyService.Workloads.Timing;

/// <summary>
/// The fields the service reads from a Linux <c>/proc/&lt;pid&gt;/stat</c> (or a thread's <c>/proc/&lt;pid&gt;/task/&lt;tid&gt;/stat</c>):
/// state, parent and CPU time. The one reader of that file for the API, the worker host, the dashboard and the benchmarks.
/// </summary>
/// <param name="State">The state letter: R running, S sleeping, Z zombie, X dead, …</param>
/// <param name="UserTicks">utime, in clock ticks (<see cref="TicksPerSecond"/>).</param>
/// <param name="SystemTicks">stime, in clock ticks.</param>
public readonly record struct ProcStat(char State, int ParentId, long UserTicks, long SystemTicks)
{
    /// <summary>USER_HZ, the unit of utime and stime: 100 on every Linux the service runs on.</summary>
    public const double TicksPerSecond = 100;

    /// <summary>User + system CPU time.</summary>
    public TimeSpan Cpu => TimeSpan.FromSeconds((UserTicks + SystemTicks) / TicksPerSecond);

    /// <summary>The process's line, or null when it is gone, unreadable, or there is no /proc.</summary>
    public static ProcStat? Of(int pid) => Read($"/proc/{pid}/stat");

    /// <summary>The stat file at <paramref name="path"/>, or null when it is gone or unreadable.</summary>
    public static ProcStat? Read(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // gone meanwhile, or no /proc
        }
    }

    /// <summary>Every process's line, by pid.</summary>
    public static Dictionary<int, ProcStat> All()
    {
        var all = new Dictionary<int, ProcStat>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Read(Path.Combine(directory, "stat")) is { } stat)
            {
                all[pid] = stat;
            }
        }

        return all;
    }

    /// <summary><paramref name="root"/> and every process of <paramref name="all"/> below it.</summary>
    public static HashSet<int> TreeOf(int root, IReadOnlyDictionary<int, ProcStat> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        var tree = new HashSet<int> { root };
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, stat) in all)
            {
                grew |= tree.Contains(stat.ParentId) && tree.Add(pid);
            }
        }
        while (grew);
        return tree;
    }

    /// <summary>"pid (comm) state ppid … utime stime …": comm may hold spaces and parentheses, so fields count from the last ')'.</summary>
    internal static ProcStat? Parse(string text)
    {
        var close = text.LastIndexOf(')');
        if (close < 0 || close + 2 >= text.Length)
        {
            return null;
        }

        var fields = text[(close + 2)..].Split(' ');
        return fields.Length > 12
            && int.TryParse(fields[1], CultureInfo.InvariantCulture, out var parent)
            && long.TryParse(fields[11], CultureInfo.InvariantCulture, out var user)
            && long.TryParse(fields[12], CultureInfo.InvariantCulture, out var system)
            ? new ProcStat(fields[0][0], parent, user, system)
            : null;
    }
}
