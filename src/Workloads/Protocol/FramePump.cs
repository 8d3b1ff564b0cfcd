using System.Text.Json;

namespace ConcurrencyService.Workloads.Protocol;

/// <summary>
/// Reads frames on a dedicated thread with blocking reads, so each one is handled the moment it arrives, however
/// busy the thread pool is. Ends at end of stream or on the first corrupt frame (or one the handler rejects).
/// </summary>
public static class FramePump
{
    public const int ReadBuffer = 64 * 1024;

    /// <param name="onFrame">Throws <see cref="InvalidDataException"/> to reject a frame and stop.</param>
    /// <param name="onEnd">Called once on the pump's thread: null at a clean end, else what broke the stream.</param>
    public static void Start(Stream stream, string threadName, Action<Frame> onFrame, Action<Exception?> onEnd)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(onFrame);
        ArgumentNullException.ThrowIfNull(onEnd);
        new Thread(() =>
        {
            Exception? error = null;
            try
            {
                // Buffered: one read call takes a header and its payload, and often the next frame too (a quick task's
                // TaskStarted and TaskCompleted arrive together); each call is a system call on a pipe or socket.
                var buffered = new BufferedStream(stream, ReadBuffer);
                while (Frames.Read(buffered) is { } frame)
                {
                    onFrame(frame);
                }
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or JsonException)
            {
                error = ex;
            }

            onEnd(error);
        })
        { IsBackground = true, Name = threadName }.Start();
    }
}
