using System.Diagnostics;
using ConcurrencyService.Api.Dashboard;

namespace ConcurrencyService.Api.Tests;

/// <summary>The dashboard's CPU % of worker processes, read from /proc for real processes.</summary>
public sealed class ProcessCpuTests
{
    [Fact]
    public void Sample_OfAProcessThatBurnsCpuBetweenTwoSamples_ReportsItsUse_AndLeavesOutAGoneOne()
    {
        var cpu = new ProcessCpu();
        var self = Environment.ProcessId;

        var first = cpu.Sample([self, int.MaxValue]);
        // 300 ms of CPU time, however long a loaded machine takes to give it: 300 ms of wall time could bring less than
        // the 10 ms clock tick /proc counts in, and read as 0 %.
        var used = Environment.CpuUsage.TotalTime;
        var spin = 0.0;
        while (Environment.CpuUsage.TotalTime - used < TimeSpan.FromMilliseconds(300))
        {
            spin += Math.Sqrt(Stopwatch.GetTimestamp());
        }

        var second = cpu.Sample([self, int.MaxValue]);

        Assert.Empty(first); // nothing to compare with yet
        Assert.True(spin > 0);
        Assert.True(second[self] > 0, $"this process burned 300 ms of CPU but was reported at {second[self]} %");
        Assert.False(second.ContainsKey(int.MaxValue)); // no such process
    }
}
