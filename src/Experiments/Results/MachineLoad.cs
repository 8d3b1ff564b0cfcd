using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Experiments.Results;

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
            var all = ProcStat.All();
            var ours = ProcStat.TreeOf(Environment.ProcessId, all);
            return all.Keys.Where(pid => !ours.Contains(pid)).Sum(RunnableThreads);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Too busy to measure on: other programs kept <see cref="Advice.AdviceRules.Busy"/> runnable threads per core or more
    /// on average (the advisor's and the claims report's threshold).
    /// </summary>
    public bool IsBusy(int cores) => MeanOtherRunnable >= Advice.AdviceRules.Busy * cores;

    public static MachineLoad? From(IReadOnlyList<int> samples) =>
        samples.Count == 0 ? null : new(Math.Round(samples.Average(), 2), samples.Max(), samples.Count);

    private static int RunnableThreads(int pid)
    {
        try
        {
            return Directory.EnumerateDirectories($"/proc/{pid}/task").Count(task => ProcStat.Read(Path.Combine(task, "stat")) is { State: 'R' });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0; // gone meanwhile
        }
    }
}
