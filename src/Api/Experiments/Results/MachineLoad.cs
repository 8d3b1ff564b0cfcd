namespace ConcurrencyService.Api.Experiments.Results;

/// <summary>
/// How busy the rest of the machine was when the runs started: the kernel's count of runnable threads
/// (<c>procs_running</c> in <c>/proc/stat</c>) minus those of this service and the processes it started (worker hosts,
/// workers), sampled just before each run. 0 is a quiet machine; more is other programs competing for the cores.
/// </summary>
/// <param name="MeanOtherRunnable">Mean over the samples.</param>
/// <param name="MaxOtherRunnable">The most seen at once.</param>
public sealed record MachineLoad(double MeanOtherRunnable, int MaxOtherRunnable, int Samples)
{
    /// <summary>Runnable threads outside this process tree now; null where the OS does not say (not Linux).</summary>
    public static int? OtherRunnableNow()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var line = File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("procs_running ", StringComparison.Ordinal));
            if (line is null || !int.TryParse(line.AsSpan("procs_running ".Length), out var running))
            {
                return null;
            }

            var ours = Descendants(Environment.ProcessId).Sum(RunnableThreads);
            return Math.Max(0, running - ours);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static MachineLoad? From(IReadOnlyList<int> samples) =>
        samples.Count == 0 ? null : new(Math.Round(samples.Average(), 2), samples.Max(), samples.Count);

    private static List<int> Descendants(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Stat(Path.Combine(directory, "stat")) is { } stat)
            {
                (children.TryGetValue(stat.Parent, out var list) ? list : children[stat.Parent] = []).Add(pid);
            }
        }

        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(children.GetValueOrDefault(tree[i]) ?? []);
        }

        return tree;
    }

    private static int RunnableThreads(int pid)
    {
        var tasks = $"/proc/{pid}/task";
        return Directory.Exists(tasks)
            ? Directory.EnumerateDirectories(tasks).Count(task => Stat(Path.Combine(task, "stat")) is { State: 'R' })
            : 0;
    }

    // /proc/<pid>/stat is "pid (comm) state ppid …"; comm may hold spaces and parentheses, so read from the last ')'.
    private static (char State, int Parent)? Stat(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            var rest = text.AsSpan(text.LastIndexOf(')') + 2);
            var space = rest.IndexOf(' ');
            var next = rest[(space + 1)..];
            var end = next.IndexOf(' ');
            return int.TryParse(next[..end], out var parent) ? (rest[0], parent) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // gone meanwhile
        }
    }
}
