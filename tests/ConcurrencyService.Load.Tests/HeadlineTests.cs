using ConcurrencyService.Load.Driver;
using ConcurrencyService.Load.Reports;
using ConcurrencyService.Load.Scenarios;
using ConcurrencyService.Load.Statistics;

namespace ConcurrencyService.Load.Tests;

public sealed class HeadlineTests
{
    [Fact]
    public void Build_GivesSpeedupOverOneWorker_AndForCpuRowsTheIdealCappedByCores()
    {
        StepResult[] steps = [Step(1, cpuRate: 100, ioRate: 10), Step(2, cpuRate: 190, ioRate: 20), Step(4, cpuRate: 185, ioRate: 40)];

        var rows = Headline.Build(steps, cores: 2);

        var cpu = rows.Where(r => r.Scenario == ScenarioCatalog.CpuThreads).ToList();
        Assert.Equal([1, 2, 4], cpu.Select(r => r.Workers));
        Assert.Equal([1.0, 1.9, 1.85], cpu.Select(r => r.Speedup!.Value));
        Assert.Equal([1, 2, 2], cpu.Select(r => r.Ideal!.Value));
        var io = rows.Where(r => r.Scenario == ScenarioCatalog.IoProcesses).ToList();
        Assert.Equal([1.0, 2.0, 4.0], io.Select(r => r.Speedup!.Value));
        Assert.Equal([1, 2, 4], io.Select(r => r.Ideal!.Value)); // waits overlap: the ideal is the workers, whatever the cores
        Assert.Equal([1.0, 2.0, 4.0], io.Select(r => r.AtOnce!.Value)); // 10, 20, 40 jobs/s of 100 ms each
    }

    [Fact]
    public void Build_WorkersIdle_FlagsEveryRowAndTheSpeedupAboveTheIdeal()
    {
        // As printed on 2 cores: cpu-threads 2.63x at 2 workers and 3.26x at 4, with 0.4-0.6 jobs at once: the users set the pace.
        StepResult[] steps = [Step(1, cpuRate: 10, ioRate: 10, cpuRunMs: 40), Step(2, cpuRate: 26.3, ioRate: 20, cpuRunMs: 20), Step(4, cpuRate: 32.6, ioRate: 40, cpuRunMs: 18)];

        var rows = Headline.Build(steps, cores: 2);

        var cpu = rows.Where(r => r.Scenario == ScenarioCatalog.CpuThreads).ToList();
        Assert.All(cpu, r => Assert.Contains(HeadlineFlags.WorkersIdle, r.Flags!));
        Assert.Equal([false, true, true], cpu.Select(r => r.Flags!.Contains(HeadlineFlags.AboveIdeal)));
        Assert.Contains("above the ideal 2×", cpu[1].Note, StringComparison.Ordinal);
        Assert.Contains("jobs at once", cpu[1].Note, StringComparison.Ordinal);
        var io = rows.Where(r => r.Scenario == ScenarioCatalog.IoProcesses).ToList();
        Assert.All(io, r => Assert.Null(r.Flags)); // 1, 2, 4 jobs at once on 1, 2, 4 workers: busy, and no speedup above N
    }

    [Fact]
    public void Build_SpeedupAboveTheIdealWithBusyWorkers_IsFlaggedWithTheReason()
    {
        StepResult[] steps = [Step(1, cpuRate: 100, ioRate: 10), Step(2, cpuRate: 250, ioRate: 20)];

        var row = Headline.Build(steps, cores: 2).Single(r => r.Scenario == ScenarioCatalog.CpuProcesses && r.Workers == 2);

        Assert.Equal([HeadlineFlags.AboveIdeal], row.Flags);
        Assert.Contains("read it as at most 2×", row.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_ShowTheFlagInTheTable_AndItsSentenceAsAWarning()
    {
        StepResult[] steps = [Step(1, cpuRate: 10, ioRate: 10, cpuRunMs: 40), Step(2, cpuRate: 26.3, ioRate: 20, cpuRunMs: 20)];
        var report = new RunReport("t", "compare --smoke", DateTimeOffset.UnixEpoch, 1, new EnvironmentInfo("m", "cpu", 2, "os", ".NET", "embedded"), steps, [], Headline.Build(steps, cores: 2));

        var table = ReportTables.Headline(report);
        var flag = table.Header.ToList().IndexOf("flag");
        var cpu2 = table.Rows.Single(r => r[0] == ScenarioCatalog.CpuThreads && r[1] == "2");
        Assert.Equal("⚑ workers idle, above ideal", cpu2[flag]);
        Assert.Contains(ReportTables.Warnings(report), w => w.Contains($"{ScenarioCatalog.CpuThreads} on 2 workers", StringComparison.Ordinal) && w.Contains("above the ideal", StringComparison.Ordinal));
    }

    private static StepResult Step(int workers, double cpuRate, double ioRate, double cpuRunMs = 100) => new(
        $"{workers} workers",
        [new ExecutorWorkers("threads", true, workers), new ExecutorWorkers("processes", true, workers)],
        [.. ScenarioCatalog.JobScenarios.Select(name => new ScenarioResult(
            ScenarioCatalog.Create(name, new WorkloadSettings(), null!).Settings,
            "closed",
            name.StartsWith("cpu", StringComparison.Ordinal) ? Statistics(cpuRate, cpuRunMs) : Statistics(ioRate, 100)))]);

    private static ScenarioStatistics Statistics(double rate, double runMs) =>
        new((long)rate, 0, 0, 1, rate, rate * 2, LatencySummary.Empty, LatencySummary.Empty, new Dictionary<int, long>(), [], [])
        {
            ServerRunTime = LatencySummary.Empty with { Count = 1, Mean = runMs },
        };
}
