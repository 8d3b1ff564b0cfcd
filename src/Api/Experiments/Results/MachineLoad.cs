namespace ConcurrencyService.Api.Experiments.Results;

/// <summary>
/// How busy the machine was when the runs started: the kernel's count of runnable threads (<c>procs_running</c> in
/// <c>/proc/stat</c>), sampled just before each run, when the experiment itself has only the sampling thread running.
/// Anything above 1 is other work competing for the cores — regular jobs, or other programs on the machine.
/// </summary>
/// <param name="MeanRunnable">Mean over the samples.</param>
/// <param name="MaxRunnable">The most seen at once.</param>
public sealed record MachineLoad(double MeanRunnable, int MaxRunnable, int Samples)
{
    private const string Stat = "/proc/stat";

    /// <summary>Runnable threads on the machine now; null where the OS does not say (not Linux).</summary>
    public static int? RunnableNow()
    {
        try
        {
            var line = File.Exists(Stat) ? File.ReadLines(Stat).FirstOrDefault(l => l.StartsWith("procs_running ", StringComparison.Ordinal)) : null;
            return line is not null && int.TryParse(line.AsSpan("procs_running ".Length), out var running) ? running : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static MachineLoad? From(IReadOnlyList<int> samples) =>
        samples.Count == 0 ? null : new(Math.Round(samples.Average(), 2), samples.Max(), samples.Count);
}
