namespace ConcurrencyService.Benchmarks;

/// <summary>
/// CPU time of processes from /proc (user + system), so a benchmark can say what a task cost in CPU across every
/// process it crossed: a figure other load on the machine inflates far less than wall time.
/// </summary>
public static class ProcessCpu
{
    private static readonly double TickMs = 1000.0 / 100; // USER_HZ is 100 on Linux

    /// <summary>Milliseconds of CPU the processes have used so far; NaN where /proc is missing.</summary>
    public static double TotalMs(params int[] processIds) => processIds.Sum(Of);

    private static double Of(int pid)
    {
        var path = $"/proc/{pid}/stat";
        if (!File.Exists(path))
        {
            return double.NaN;
        }

        // Fields after the command name (which may hold spaces): state is 3rd, utime 14th, stime 15th.
        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) * TickMs;
    }
}
