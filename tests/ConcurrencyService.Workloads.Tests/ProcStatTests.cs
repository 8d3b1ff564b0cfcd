using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Workloads.Tests;

/// <summary>The one reader of /proc/&lt;pid&gt;/stat: state, parent and CPU time, whatever the command name holds.</summary>
public sealed class ProcStatTests
{
    [Fact]
    public void Read_ACommandNameWithSpacesAndParentheses_CountsFieldsFromTheLastParenthesis()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "4242 (my (odd) worker) S 17 4242 4242 0 -1 4194560 100 0 0 0 250 30 0 0 20 0 1 0 5 1000 10\n");

            var stat = ProcStat.Read(path);

            Assert.Equal(new ProcStat('S', 17, 250, 30), stat);
            Assert.Equal(TimeSpan.FromSeconds(2.8), stat!.Value.Cpu);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Of_ThisProcess_IsAliveUnderItsParent_AndHasUsedCpu_AndAGonePidIsNull()
    {
        var self = ProcStat.Of(Environment.ProcessId);

        Assert.NotNull(self);
        Assert.DoesNotContain(self.Value.State, "ZXx"); // not a zombie, not dead
        Assert.Contains(Environment.ProcessId, ProcStat.TreeOf(self.Value.ParentId, ProcStat.All()));
        Assert.True(self.Value.Cpu > TimeSpan.Zero);
        Assert.Null(ProcStat.Of(int.MaxValue));
    }
}
