using System.Net.Sockets;

namespace ConcurrencyService.WorkerHost.Api;

/// <summary>Binding the host's Unix domain socket: refuse to steal a live host's socket, replace a stale one, owner-only access.</summary>
public static class UnixSocketServer
{
    public static Socket Listen(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            if (IsListening(path))
            {
                throw new InvalidOperationException($"Another worker host is listening on {path}; set WorkerHost:SocketPath to another path.");
            }

            File.Delete(path); // left by a host that died without cleaning up
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));

            // Whoever can connect can run code in the workers: only this user may.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            socket.Listen(128);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stale file is replaced at the next start anyway.
        }
    }

    private static bool IsListening(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
