using System.Runtime.InteropServices;
using static ConcurrencyService.Worker.Libc;

namespace ConcurrencyService.Worker;

/// <summary>
/// Waits until the other end of standard input is closed, without reading from it: poll(2) with no events asked
/// for still reports POLLHUP. The task thread reads stdin itself (one thread hand-off less per task), so this is
/// how a worker busy with a long task still notices at once that its host stopped it or died.
/// </summary>
public static class InputHangup
{
    /// <summary>Blocks until hang-up; returns false if the OS cannot tell (then the caller falls back to end of input).</summary>
    public static bool Wait()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return false;
        }

        var fd = new PollFd { Fd = StdinFd, Events = PollEvents.None };
        while (true)
        {
            var n = Poll(ref fd, 1, -1);
            if (n > 0 && (fd.Revents & (PollEvents.HangUp | PollEvents.Error | PollEvents.Invalid)) != 0)
            {
                return true;
            }

            if (n < 0 && Marshal.GetLastPInvokeError() != Eintr)
            {
                return false;
            }
        }
    }
}
