using System.Diagnostics;
using ConcurrencyService.Load.Running;

namespace ConcurrencyService.Load.Tests;

// Reads /proc: like the service's process tests, Linux only (see the worker host's tests). Each test waits for an
// amount of CPU time to be used, however long the machine takes to give it, rather than for an amount of wall time.
[Collection(TimingSensitive.Name)]
public sealed class CpuMonitorTests
{
    private static readonly TimeSpan Burn = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Between_CountsTheServersWholeProcessTree_AsTheServers()
    {
        // The "server" is a shell whose child burns the CPU: its use counts only if the monitor follows the tree.
        using var server = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "sh -c 'while :; do :; done' & wait"]))!;
        try
        {
            var monitor = new CpuMonitor(serverProcessId: server.Id);
            var start = monitor.Take()!;
            var watch = Stopwatch.StartNew();
            await WaitUntilAsync(() => monitor.Take()!.ServerTicks - start.ServerTicks >= Burn.TotalSeconds * 100, "the server's child to burn CPU");

            var end = monitor.Take();
            var use = monitor.Between(start, end);

            Assert.NotNull(use);
            Assert.NotNull(use.Server);
            // Cores × seconds is CPU time: at least what the child burned, less the rounding of cores to 0.01.
            Assert.True(use.Server.Value * watch.Elapsed.TotalSeconds >= Burn.TotalSeconds - (0.005 * watch.Elapsed.TotalSeconds) - 0.02, $"{use} over {watch.Elapsed}");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public void Between_CountsThisProcesssCpu_AsTheLoadGenerators_AndNoServerWithoutOne()
    {
        var monitor = new CpuMonitor(serverProcessId: null);
        var start = monitor.Take();
        var used = Process.GetCurrentProcess().TotalProcessorTime;
        while (Process.GetCurrentProcess().TotalProcessorTime - used < Burn)
        {
            Thread.SpinWait(10_000);
        }

        var use = monitor.Between(start, monitor.Take());

        Assert.NotNull(use);
        Assert.Null(use.Server);
        Assert.True(use.LoadGenerator > 0, $"{use}");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var guard = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(guard.Elapsed < TimeSpan.FromMinutes(2), $"Gave up waiting for {what}.");
            await Task.Delay(50);
        }
    }
}
