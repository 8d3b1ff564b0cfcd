using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using static ConcurrencyService.Worker.Libc;

namespace ConcurrencyService.Worker;

/// <summary>
/// The worker's two protocol streams: frames in on stdin, frames out on what was stdout. On Unix the protocol takes a
/// duplicate of stdout's descriptor and descriptor 1 becomes a copy of stderr, so anything else that writes to standard
/// output — <see cref="Console.Out"/>, native code — lands in the host's log instead of corrupting the frames, and the
/// worker never loads or initialises <see cref="Console"/> to start (that was ~10 ms of a worker's ~45 ms start-up).
/// </summary>
public static class ProtocolStreams
{
    public static (Stream Input, Stream Output) Open()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            var output = Console.OpenStandardOutput();
            Console.SetOut(Console.Error);
            return (Console.OpenStandardInput(), output);
        }

        var protocolFd = Dup(StdoutFd);
        if (protocolFd < 0 || Dup2(StderrFd, StdoutFd) < 0)
        {
            throw new IOException($"Could not move the protocol off standard output (errno {Marshal.GetLastPInvokeError()}).");
        }

        // bufferSize 0: no FileStream buffer; the caller buffers input and writes each frame with one call.
        return (
            new FileStream(new SafeFileHandle(StdinFd, ownsHandle: false), FileAccess.Read, bufferSize: 0),
            new FileStream(new SafeFileHandle(protocolFd, ownsHandle: true), FileAccess.Write, bufferSize: 0));
    }
}
