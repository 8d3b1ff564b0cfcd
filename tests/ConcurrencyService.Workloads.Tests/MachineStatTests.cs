using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Workloads.Tests;

/// <summary>The machine's line of /proc/stat, which the load runner and the benchmarks read through it.</summary>
public sealed class MachineStatTests
{
    [Theory]
    [InlineData("cpu  100 5 50 1000 20 3 2 7 0 0", 160, 1020, 7)]
    [InlineData("cpu 100 5 50 1000 20 3 2", 160, 1020, 0)] // a kernel without the steal column
    public void Read_SumsBusyAndIdleColumns_AndKeepsStealApart(string line, long busy, long idle, long steal)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, line + "\ncpu0 1 2 3 4 5 6 7 8 0 0\n");

            var stat = MachineStat.Read(path);

            Assert.Equal(new MachineStat(busy, idle, steal), stat);
            Assert.Equal(busy + idle + steal, stat!.Value.Total);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_ThisMachine_CountsUpward_AndAMissingFileIsNull()
    {
        var first = MachineStat.Read();
        var second = MachineStat.Read();

        Assert.NotNull(first);
        Assert.True(first.Value.Total > 0);
        Assert.True(second!.Value.Total >= first.Value.Total);
        Assert.Null(MachineStat.Read("/proc/no-such-file"));
    }
}
