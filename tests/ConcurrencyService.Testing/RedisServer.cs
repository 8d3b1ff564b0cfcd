using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace ConcurrencyService.Testing;

/// <summary>
/// A private <c>redis-server</c> (Debian's; <c>.ci/run</c> installs it when missing) on 127.0.0.1 and a free port, with its
/// own data folder and AOF on (fsync every second, as docs/scale-out.md runs it, or at every write), never a system service. It can
/// be stopped politely or killed outright (SIGKILL, a crash) and started again on the same port and data, as a Redis
/// restart; disposing stops it and deletes its folder.
/// <para>
/// It runs under a small shell guard that holds our end of a pipe: when this process ends in any way — disposed, exited,
/// or killed outright — the guard reads end of file, stops Redis and deletes the folder, so no server outlives its run.
/// </para>
/// </summary>
public sealed partial class RedisServer : IAsyncDisposable
{
    // "$@" is redis-server and its arguments; its pid goes to our side first. A line "keep" is a restart (data kept);
    // end of file — this process disposed it or died — stops Redis and removes the data folder.
    private const string Guard = """
        "$@" & redis=$!
        echo "redis-pid $redis"
        read -r word || word=
        kill -TERM "$redis" 2>/dev/null
        wait "$redis"
        [ "$word" = keep ] || rm -rf -- "$CS_REDIS_DIR"
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("cs-redis-").FullName;
    private ChildProcess? _guard;
    private int _processId;

    private readonly string _fsync;

    private RedisServer(int port, bool fsyncEveryWrite)
    {
        Port = port;
        _fsync = fsyncEveryWrite ? "always" : "everysec";
    }

    public int Port { get; }

    /// <summary>The running server's process id (for its CPU time in benchmarks).</summary>
    public int ProcessId => _guard is null ? throw new InvalidOperationException("Not started.") : _processId;

    /// <summary>For <c>ConnectionStrings:Redis</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>
    /// Starts a server of its own. <paramref name="fsyncEveryWrite"/> makes a SIGKILL lose nothing Redis answered (with the
    /// once-a-second fsync of docs/scale-out.md a crash may lose the last second), for tests that kill it and count every accepted job.
    /// </summary>
    public static async Task<RedisServer> StartAsync(bool fsyncEveryWrite = false)
    {
        var server = new RedisServer(FreePort.Next(), fsyncEveryWrite);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>) on the same port and data folder, and waits until it answers PING; running already, nothing.</summary>
    public async Task StartAgainAsync()
    {
        if (_guard is { HasExited: false })
        {
            return;
        }

        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList =
            {
                "-c", Guard, "redis-guard", Executable(),
                "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                "--dir", _directory, "--appendonly", "yes", "--appendfsync", _fsync, "--save", string.Empty,
                "--protected-mode", "no", "--daemonize", "no", "--logfile", Path.Combine(_directory, "redis.log"),
            },
        };
        start.Environment["CS_REDIS_DIR"] = _directory;
        _guard = ChildProcess.Start(start);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var pid = await _guard.WaitForLineAsync(RedisPid(), timeout.Token);
            _processId = int.Parse(pid.Groups[1].Value, CultureInfo.InvariantCulture);
            while (!await PingAsync())
            {
                if (_guard.HasExited)
                {
                    throw new InvalidOperationException("redis-server exited.");
                }

                await Task.Delay(50, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            var log = Path.Combine(_directory, "redis.log");
            throw new InvalidOperationException(
                $"redis-server on port {Port} did not answer PING: {(File.Exists(log) ? await File.ReadAllTextAsync(log) : "(no log)")}\n{_guard.Output}", ex);
        }
    }

    /// <summary>Stops the server politely (SIGTERM: Redis writes its AOF and exits), as a restart would; its data stays.</summary>
    public async Task StopAsync()
    {
        if (_guard is not { HasExited: false } guard)
        {
            return;
        }

        await guard.WriteLineAsync("keep");
        guard.CloseInput();
        if (!await guard.WaitForExitAsync(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"redis-server on port {Port} did not stop within 30 s of SIGTERM.");
        }

        await guard.DisposeAsync();
        _guard = null;
    }

    /// <summary>SIGKILL to redis-server, as a crash or an OOM kill: no last write, connections cut. Its data folder stays for <see cref="StartAgainAsync"/>.</summary>
    public async Task KillAsync()
    {
        if (_guard is not { HasExited: false } guard)
        {
            return;
        }

        try
        {
            using var redis = Process.GetProcessById(_processId);
            redis.Kill();
        }
        catch (ArgumentException)
        {
            // It had exited already.
        }

        // The guard's own TERM then finds nothing; "keep" leaves the data folder.
        await guard.WriteLineAsync("keep");
        guard.CloseInput();
        if (!await guard.WaitForExitAsync(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"The guard of redis-server on port {Port} did not exit after the kill.");
        }

        await guard.DisposeAsync();
        _guard = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_guard is { } guard)
        {
            if (!guard.HasExited)
            {
                guard.CloseInput();
                await guard.WaitForExitAsync(TimeSpan.FromSeconds(10));
            }

            await guard.DisposeAsync(); // kills the tree if the guard did not finish
            _guard = null;
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // The guard removed it.
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the system.
        }
    }

    /// <summary>A raw RESP PING, so the fixture needs no Redis client of its own.</summary>
    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return false;
        }
    }

    private static string Executable() =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("redis-server is not installed. `.ci/run` installs it (apt-get install redis-server); locally: sudo apt-get install redis-server.");

    [GeneratedRegex(@"^redis-pid (\d+)$")]
    private static partial Regex RedisPid();
}
