using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Testing;

/// <summary>The OS process table, read through the product's <see cref="ProcStat"/>: tests check real processes, not the service's word for them.</summary>
public static class ProcessTable
{
    /// <summary>A zombie (exited, not yet reaped) or a dead entry is not a running process.</summary>
    public static bool IsAlive(int pid) => ProcStat.Of(pid) is { State: not ('Z' or 'X') };

    /// <summary>Polls until none of <paramref name="pids"/> is alive or <paramref name="limit"/> passes; returns those still alive.</summary>
    public static async Task<IReadOnlyList<int>> WaitUntilGoneAsync(IEnumerable<int> pids, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
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
