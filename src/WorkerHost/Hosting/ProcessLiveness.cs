using System.Diagnostics;

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
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var state = stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault();
                return state is not ('Z' or 'X' or 'x');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
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
