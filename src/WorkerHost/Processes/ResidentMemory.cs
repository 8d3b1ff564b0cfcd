using System.Diagnostics;
using System.Globalization;

namespace ConcurrencyService.WorkerHost.Processes;

public static class ResidentMemory
{
    /// <summary>
    /// Resident set size in bytes, or null once the process is gone. On Linux /proc/PID/statm is one small read;
    /// elsewhere Process.Refresh re-reads everything the Process object caches.
    /// </summary>
    public static long? Of(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (OperatingSystem.IsLinux())
            {
                var fields = File.ReadAllText($"/proc/{process.Id}/statm").Split(' ');
                return long.Parse(fields[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
            }

            process.Refresh();
            return process.WorkingSet64;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
