using System.Runtime.InteropServices;

namespace ConcurrencyService.Worker;

/// <summary>
/// The few C library calls a worker makes on Unix: watching stdin for hang-up, moving the protocol off stdout, and
/// leaving without the runtime's shutdown.
/// </summary>
internal static partial class Libc
{
    public const int StdinFd = 0, StdoutFd = 1, StderrFd = 2;

    /// <summary>The <c>errno</c> of a call interrupted by a signal.</summary>
    public const int Eintr = 4;

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(ref PollFd fds, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    public static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    public static partial int Dup2(int oldFd, int newFd);

    /// <summary>_exit(2): ends the process at once, running no exit handlers.</summary>
    [LibraryImport("libc", EntryPoint = "_exit")]
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static partial void ExitNow(int status);

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public PollEvents Events;
        public PollEvents Revents;
    }

    /// <summary>poll(2)'s event bits: data to read, or the descriptor's other end is gone.</summary>
    [Flags]
    public enum PollEvents : short
    {
        None = 0,
        In = 0x001,
        Error = 0x008,
        HangUp = 0x010,
        Invalid = 0x020,
    }
}
