using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ConcurrencyService.Load.Server;

/// <summary>
/// Drains a child's standard output and error (a full pipe would block it), keeps the last lines for error messages,
/// and lets the caller wait for a line matching a pattern.
/// </summary>
public sealed class ServerOutput : IDisposable
{
    private const int KeptLines = 40;

    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Lock _lock = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Found)> _waiters = [];

    public ServerOutput(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public async Task<Match> WaitForLineAsync(Regex pattern, CancellationToken cancellationToken)
    {
        var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((pattern, found));
        }

        var exited = _process.WaitForExitAsync(cancellationToken);
        if (await Task.WhenAny(found.Task, exited) == found.Task)
        {
            return await found.Task;
        }

        await exited; // throws when cancelled
        throw new InvalidOperationException($"The API exited with code {_process.ExitCode} before it listened.");
    }

    public string Tail()
    {
        lock (_lock)
        {
            return string.Join('\n', _tail);
        }
    }

    public void Dispose() => _process.Dispose();

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
                if (pattern.Match(line) is { Success: true } match)
                {
                    found.TrySetResult(match);
                }
            }
        }
    }
}
