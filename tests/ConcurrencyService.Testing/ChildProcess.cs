using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace ConcurrencyService.Testing;

/// <summary>
/// The one way tests, the load runner and the benchmarks start a child process: its output is drained (a full pipe
/// would block it) and its last lines kept for failure messages; a caller can wait for a line; stopping is polite —
/// SIGTERM, a grace period, then the whole tree is killed. Children still running when this process exits are killed.
/// </summary>
public sealed partial class ChildProcess : IAsyncDisposable
{
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(20);

    private const int KeptLines = 200;
    private const int Sigterm = 15;

    // Children not yet disposed: a test that loses one (a bug) must not leave it running after the run.
    private static readonly ConcurrentDictionary<ChildProcess, bool> Live = new();

    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Lock _lock = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Found)> _waiters = [];

    static ChildProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var child in Live.Keys)
        {
            try
            {
                child._process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    };

    private ChildProcess(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines it printed (standard output and error), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_lock)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    /// <summary>Starts <paramref name="start"/> with its standard streams redirected (input too, so it never reads ours).</summary>
    public static ChildProcess Start(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.UseShellExecute = false;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = new Process { StartInfo = start };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Add(e.Data);
        process.ErrorDataReceived += (_, e) => child.Add(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"'{start.FileName}' did not start.");
        }

        Live[child] = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a command to its end and returns what it printed; kills it (and throws) past <paramref name="limit"/>.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo start, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"'{start.FileName}' did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{start.FileName} {string.Join(' ', start.ArgumentList)}{start.Arguments}' ran past {limit}.");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>The first line matching <paramref name="pattern"/> (one printed already counts); throws if the process exits first.</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_tail.Select(l => pattern.Match(l)).FirstOrDefault(m => m.Success) is { } already)
            {
                return already;
            }

            _waiters.Add((pattern, found));
        }

        var exited = _process.WaitForExitAsync(cancellationToken);
        if (await Task.WhenAny(found.Task, exited) == found.Task)
        {
            return await found.Task;
        }

        await exited; // throws when cancelled
        throw new InvalidOperationException($"'{_process.StartInfo.FileName}' exited with code {_process.ExitCode} before printing a line like /{pattern}/:\n{Output}");
    }

    /// <summary>Writes a line to its standard input.</summary>
    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Closes its standard input: end of file for a child that reads it.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>SIGTERM alone (a service's graceful stop), without waiting.</summary>
    public void Terminate()
    {
        if (kill(_process.Id, Sigterm) != 0 && !_process.HasExited)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Whether it exited within <paramref name="limit"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stops it as <c>docker stop</c> does: SIGTERM, up to <paramref name="grace"/> (<see cref="DefaultGrace"/>) to exit,
    /// then the whole process tree is killed. True if it exited within the grace period (or had already).
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan? grace = null)
    {
        if (_process.HasExited)
        {
            await _process.WaitForExitAsync(); // drains the output to its end
            return true;
        }

        Terminate();
        if (await WaitForExitAsync(grace ?? DefaultGrace))
        {
            await _process.WaitForExitAsync();
            return true;
        }

        await KillAsync();
        return false;
    }

    /// <summary>SIGKILL to it alone, without waiting: what runs below it is left to notice.</summary>
    public void KillAlone() => _process.Kill(entireProcessTree: false);

    /// <summary>SIGKILL to it and everything below it: nothing gets a chance to clean up.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            Live.TryRemove(this, out _);
            _process.Dispose();
        }
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _tail.Enqueue(line);
            if (_tail.Count > KeptLines)
            {
                _tail.Dequeue();
            }

            foreach (var (pattern, found) in _waiters)
            {
                if (!found.Task.IsCompleted && pattern.Match(line) is { Success: true } match)
                {
                    found.TrySetResult(match);
                }
            }
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
