using System.Runtime.InteropServices;

namespace ConcurrencyService.WorkerHost.Worker;

/// <summary>
/// Waits until the other end of standard input is closed, without reading from it: poll(2) with no events asked
/// for still reports POLLHUP. The task thread reads stdin itself (one thread hand-off less per task), so this is
/// how a worker busy with a long task still notices at once that its host stopped it or died.
/// </summary>
public static partial class InputHangup
{
    private const int StdinFd = 0;
    private const short PollHup = 0x010;
    private const short PollErr = 0x008;
    private const short PollNval = 0x020;
    private const int Eintr = 4;

    /// <summary>Blocks until hang-up; returns false if the OS cannot tell (then the caller falls back to end of input).</summary>
    public static bool Wait()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return false;
        }

        var fd = new PollFd { Fd = StdinFd, Events = 0 };
        while (true)
        {
            var n = Poll(ref fd, 1, -1);
            if (n > 0 && (fd.Revents & (PollHup | PollErr | PollNval)) != 0)
            {
                return true;
            }

            if (n < 0 && Marshal.GetLastPInvokeError() != Eintr)
            {
                return false;
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref PollFd fds, nuint count, int timeout);
}
