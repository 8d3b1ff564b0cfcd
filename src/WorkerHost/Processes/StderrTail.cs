namespace ConcurrencyService.WorkerHost.Processes;

/// <summary>
/// The last lines a worker wrote to stderr, to say why it died. The runtime ends its crash reports with a stack
/// trace, so the telling line is the last one that is not part of a trace ("Stack overflow.", a FailFast message).
/// </summary>
public sealed class StderrTail
{
    private const int MaxLines = 64;
    private const int MaxLineLength = 400;

    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();

    /// <summary>Reads the worker's stderr to its end, keeping the tail and handing each line on (to the log).</summary>
    public async Task PumpAsync(TextReader stderr, Action<string> onLine)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(onLine);
        try
        {
            while (await stderr.ReadLineAsync() is { } line)
            {
                Add(line);
                onLine(line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The pipe went away with the process.
        }
    }

    public void Add(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var trimmed = line.Length > MaxLineLength ? line[..MaxLineLength] + "…" : line;
        lock (_lock)
        {
            if (_lines.Count == MaxLines)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(trimmed);
        }
    }

    public string? Summary()
    {
        lock (_lock)
        {
            return _lines.LastOrDefault(IsTelling) ?? _lines.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim();
        }
    }

    private static bool IsTelling(string line)
    {
        var text = line.Trim();
        return text.Length > 0
            && !text.StartsWith("at ", StringComparison.Ordinal)
            && !text.StartsWith("---", StringComparison.Ordinal)
            && !text.StartsWith("Repeat", StringComparison.Ordinal)
            && !text.StartsWith("End of stack trace", StringComparison.Ordinal);
    }
}
