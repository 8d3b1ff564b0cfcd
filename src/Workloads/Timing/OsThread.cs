using System.Runtime.InteropServices;

namespace ConcurrencyService.Workloads.Timing;

/// <summary>The calling thread as the operating system sees it: its id and the CPU time it has used.</summary>
public static partial class OsThread
{
    private const int ClockThreadCpuTimeLinux = 3;
    private const int ClockThreadCpuTimeMacOs = 16;

    /// <summary>The kernel's thread id (what <c>top -H</c> and <c>/proc/PID/task</c> show); the managed id where there is none.</summary>
    public static long CurrentId
    {
        get
        {
            if (OperatingSystem.IsLinux())
            {
                return gettid();
            }

            return Environment.CurrentManagedThreadId;
        }
    }

    /// <summary>CPU time (user + system) the calling thread has used, read from the OS; null where the OS can't tell.</summary>
    public static TimeSpan? CurrentCpuTime
    {
        get
        {
            var clock = OperatingSystem.IsLinux() ? ClockThreadCpuTimeLinux
                : OperatingSystem.IsMacOS() ? ClockThreadCpuTimeMacOs
                : -1;
            if (clock < 0 || clock_gettime(clock, out var ts) != 0)
            {
                return null;
            }

            return TimeSpan.FromTicks((ts.Seconds * TimeSpan.TicksPerSecond) + (ts.Nanoseconds / 100));
        }
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int gettid();

    [LibraryImport("libc", SetLastError = false)]
    private static partial int clock_gettime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
