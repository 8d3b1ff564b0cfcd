namespace ConcurrencyService.Tests.Shared;

/// <summary>The OS process table, read from /proc: the tests check real processes, not the service's word for them.</summary>
internal static class ProcessTable
{
    public static bool IsAlive(int pid)
    {
        // A zombie (exited, not yet reaped) or a dead entry is not a running process.
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Waits until none of <paramref name="pids"/> is alive; false if some still are after <paramref name="limit"/>.</summary>
    public static async Task<bool> WaitUntilGoneAsync(IEnumerable<int> pids, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        var list = pids.ToList();
        while (list.Any(IsAlive))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}
