using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Api.Dashboard;

/// <summary>
/// CPU use of worker processes between two dashboard polls, from <c>/proc/&lt;pid&gt;/stat</c> (Linux). The worker host
/// reports its workers' pids and memory but not their CPU, and reading /proc here needs no change to the protocol.
/// </summary>
public sealed class ProcessCpu
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, (double CpuSeconds, long At)> _previous = [];

    /// <summary>% of one core each process used since the last call that saw it; a process seen for the first time is left out.</summary>
    public IReadOnlyDictionary<int, double> Sample(IEnumerable<int> processIds)
    {
        ArgumentNullException.ThrowIfNull(processIds);
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        var percent = new Dictionary<int, double>();
        var alive = processIds.Where(p => p > 0).ToHashSet();
        lock (_lock)
        {
            // Recycled workers' pids never come back: forget them.
            foreach (var gone in _previous.Keys.Where(p => !alive.Contains(p)).ToList())
            {
                _previous.Remove(gone);
            }

            foreach (var pid in alive)
            {
                if (ProcStat.Of(pid)?.Cpu.TotalSeconds is not { } cpu)
                {
                    continue;
                }

                if (_previous.TryGetValue(pid, out var before) && System.Diagnostics.Stopwatch.GetElapsedTime(before.At, now).TotalSeconds is var elapsed and > 0.05)
                {
                    percent[pid] = Math.Round(Math.Max(0, cpu - before.CpuSeconds) / elapsed * 100, 1);
                }

                _previous[pid] = (cpu, now);
            }
        }

        return percent;
    }
}
