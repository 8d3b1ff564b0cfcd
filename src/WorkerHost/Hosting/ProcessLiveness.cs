using System.Diagnostics;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.WorkerHost.Hosting;

public static class ProcessLiveness
{
    /// <summary>
    /// True while the process runs. On Linux a zombie (dead, not yet reaped by its parent) still has a /proc entry and
    /// answers kill(pid, 0), so the state letter in /proc/PID/stat decides: Z (zombie) and X (dead) mean gone.
    /// </summary>
    public static bool IsAlive(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            return ProcStat.Of(pid) is { State: not ('Z' or 'X' or 'x') };
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
