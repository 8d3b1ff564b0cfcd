using System.Diagnostics;
using ConcurrencyService.Load.Running;

namespace ConcurrencyService.Load.Tests;

// Reads /proc: like the service's process tests, Linux only (see the worker host's tests).
[Collection(TimingSensitive.Name)]
public sealed class CpuMonitorTests
{
    [Fact]
    public void Between_CountsThisProcesssBusyLoopAsTheLoadGenerators()
    {
        var monitor = new CpuMonitor(serverProcessId: Environment.ProcessId);
        var start = monitor.Take();
        var spin = Stopwatch.StartNew();
        while (spin.ElapsedMilliseconds < 500)
        {
            Thread.SpinWait(1000);
        }

        var use = monitor.Between(start, monitor.Take());

        Assert.NotNull(use);
        Assert.True(use.LoadGenerator > 0.3, $"{use}");
        Assert.Equal(use.LoadGenerator, use.Server); // the "server" here is this very process
        Assert.True(use.Others >= 0);
    }
}
