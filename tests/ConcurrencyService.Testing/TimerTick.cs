using System.Runtime.InteropServices;

namespace ConcurrencyService.Testing;

/// <summary>
/// .NET's timers (<c>Task.Delay</c>, <c>CancelAfter</c>, <c>PeriodicTimer</c>) count whole milliseconds of
/// <c>Environment.TickCount64</c>, which reads the kernel's coarse monotonic clock. Measured on the precise clock (a
/// <c>Stopwatch</c>, the service's timings) a delay can therefore end early by up to one tick of that clock plus the
/// millisecond the count truncates (seen: a 600 ms delay measured 595.5 ms with a 4 ms tick). A lower bound on a measured
/// delay allows that and nothing more; the tick is read from the kernel (<c>clock_getres(CLOCK_MONOTONIC_COARSE)</c>:
/// 4 ms at HZ=250, 10 ms at HZ=100), not assumed.
/// </summary>
public static class TimerTick
{
    private const int ClockMonotonicCoarse = 6;

    /// <summary>One tick of the coarse clock .NET's timers run on.</summary>
    public static TimeSpan Length { get; } = Read();

    /// <summary>How much earlier than asked a timer can end, measured on the precise clock: a tick and a millisecond.</summary>
    public static TimeSpan Early { get; } = Length + TimeSpan.FromMilliseconds(1);

    /// <summary>The least a <paramref name="delay"/> can measure on the precise clock.</summary>
    public static TimeSpan AtLeast(TimeSpan delay) => delay - Early;

    /// <summary>The same in milliseconds, for the service's <c>…Ms</c> figures.</summary>
    public static double AtLeastMs(double delayMs) => delayMs - Early.TotalMilliseconds;

    private static TimeSpan Read()
    {
        // Elsewhere the system timer's usual resolution (Windows: 15.6 ms) stands in for it.
        if (!OperatingSystem.IsLinux() || ClockGetRes(ClockMonotonicCoarse, out var resolution) != 0)
        {
            return TimeSpan.FromMilliseconds(16);
        }

        return TimeSpan.FromTicks(((resolution.Seconds * 1_000_000_000) + resolution.Nanoseconds + 99) / 100);
    }

    [DllImport("libc", EntryPoint = "clock_getres")]
    private static extern int ClockGetRes(int clock, out Timespec resolution);

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Timespec
    {
        public readonly long Seconds;
        public readonly long Nanoseconds;
    }
}
