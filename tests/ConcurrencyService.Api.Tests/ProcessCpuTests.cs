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
        var burn = Stopwatch.StartNew();
        var spin = 0.0;
        while (burn.ElapsedMilliseconds < 300)
        {
            spin += Math.Sqrt(burn.ElapsedTicks);
        }

        var second = cpu.Sample([self, int.MaxValue]);

        Assert.Empty(first); // nothing to compare with yet
        Assert.True(spin > 0);
        Assert.True(second[self] > 0, $"this process burned CPU for 300 ms but was reported at {second[self]} %");
        Assert.False(second.ContainsKey(int.MaxValue)); // no such process
    }
}
