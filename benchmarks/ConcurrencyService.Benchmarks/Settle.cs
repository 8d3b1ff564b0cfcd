using System.Diagnostics;
using System.Globalization;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Benchmarks;

/// <summary>
/// Before each benchmark: collects this process's garbage (it is every benchmark's client) and waits until the machine
/// has nothing else to run, up to 20 s, so that one benchmark's leftovers do not fall into the next on 2 cores. The
/// wait and the busy share it ended on are printed beside the table.
/// </summary>
public static class Settle
{
    private static readonly TimeSpan Sample = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(20);

    /// <summary>Busy below this share of all cores over one sample counts as quiet.</summary>
    private const double QuietShare = 0.05;

    public static async Task WaitAsync(string next)
    {
        // This process is the client of every benchmark: the garbage one benchmark left must not be collected in the next.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (MachineStat.Read() is null)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        double busy;
        while (true)
        {
            var before = Read();
            await Task.Delay(Sample);
            var after = Read();
            var total = after.Total - before.Total;
            busy = total > 0 ? (double)(after.Busy - before.Busy) / total : 0;
            if (busy < QuietShare || Stopwatch.GetElapsedTime(started) > Longest)
            {
                break;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- before {next}: waited {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s for the machine to settle; busy {busy:P0} of all cores in the last {Sample.TotalMilliseconds:0} ms"));
        Console.WriteLine();
    }

    // Steal counts as busy: a core the hypervisor gave to another guest is not free for the next benchmark either.
    private static (long Busy, long Total) Read() => MachineStat.Read() is { } machine ? (machine.Busy + machine.Steal, machine.Total) : (0, 0);
}
