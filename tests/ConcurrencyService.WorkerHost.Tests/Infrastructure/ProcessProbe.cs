namespace ConcurrencyService.WorkerHost.Tests.Infrastructure;

/// <summary>Whether a process is still there, as /proc sees it: a zombie is dead even before its parent reaps it.</summary>
public static class ProcessProbe
{
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Polls until every pid is gone or the timeout passes; returns those still alive.</summary>
    public static async Task<IReadOnlyList<int>> WaitAllGoneAsync(IEnumerable<int> pids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var left = pids.ToList();
        while (true)
        {
            left = [.. left.Where(IsAlive)];
            if (left.Count == 0 || DateTime.UtcNow > deadline)
            {
                return left;
            }

            await Task.Delay(50);
        }
    }
}
