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
        Assert.All(io, r => Assert.Null(r.Ideal));
        Assert.Equal([1.0, 2.0, 4.0], io.Select(r => r.AtOnce!.Value)); // 10, 20, 40 jobs/s of 100 ms each
    }

    private static StepResult Step(int workers, double cpuRate, double ioRate) => new(
        $"{workers} workers",
        [new ExecutorWorkers("threads", true, workers), new ExecutorWorkers("processes", true, workers)],
        [.. ScenarioCatalog.JobScenarios.Select(name => new ScenarioResult(
            ScenarioCatalog.Create(name, new WorkloadSettings(), null!).Settings,
            "closed",
            Statistics(name.StartsWith("cpu", StringComparison.Ordinal) ? cpuRate : ioRate)))]);

    private static ScenarioStatistics Statistics(double rate) =>
        new((long)rate, 0, 0, 1, rate, rate * 2, LatencySummary.Empty, LatencySummary.Empty, new Dictionary<int, long>(), [], [])
        {
            ServerRunTime = LatencySummary.Empty with { Count = 1, Mean = 100 },
        };
}
