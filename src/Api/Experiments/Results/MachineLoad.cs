namespace ConcurrencyService.Api.Experiments.Results;

/// <summary>
/// How busy the rest of the machine was when the runs started: the threads the kernel has runnable (state R in
/// <c>/proc/*/task/*/stat</c>) outside this service and the processes it started (worker hosts, workers), counted just
/// before each run. 0 is a quiet machine; more is other programs competing for the cores.
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
            var parents = new Dictionary<int, int>();
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(directory), out var pid) && Stat(Path.Combine(directory, "stat")) is { } stat)
                {
                    parents[pid] = stat.Parent;
                }
            }

            var ours = Tree(Environment.ProcessId, parents);
            return parents.Keys.Where(pid => !ours.Contains(pid)).Sum(RunnableThreads);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static MachineLoad? From(IReadOnlyList<int> samples) =>
        samples.Count == 0 ? null : new(Math.Round(samples.Average(), 2), samples.Max(), samples.Count);

    private static HashSet<int> Tree(int root, Dictionary<int, int> parents)
    {
        var tree = new HashSet<int> { root };
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, parent) in parents)
            {
                grew |= tree.Contains(parent) && tree.Add(pid);
            }
        }
        while (grew);
        return tree;
    }

    private static int RunnableThreads(int pid)
    {
        try
        {
            return Directory.EnumerateDirectories($"/proc/{pid}/task").Count(task => Stat(Path.Combine(task, "stat")) is { State: 'R' });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0; // gone meanwhile
        }
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
