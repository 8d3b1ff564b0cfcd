using ConcurrencyService.Experiments;
using ConcurrencyService.Experiments.Results;

namespace ConcurrencyService.Api.Tests;

/// <summary>The experiment arithmetic, from timings whose answers are known.</summary>
public sealed class ScalingMathTests
{
    [Theory]
    [InlineData(new[] { 7.0 }, 7.0)]
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 2.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    [InlineData(new[] { 10.0, 10.0, 1000.0 }, 10.0)]
    public void Median_IsTheMiddleValue_OrTheMeanOfTheTwoMiddleOnes(double[] values, double median) =>
        Assert.Equal(median, ScalingMath.Median(values));

    [Fact]
    public void Speedup_StrongScaling_IsSequentialOverCell()
    {
        Assert.Equal(2.0, ScalingMath.Speedup(sequentialMs: 100, cellMs: 50, workers: 2, ScalingMode.Strong));
        Assert.Equal(0.5, ScalingMath.Speedup(sequentialMs: 100, cellMs: 200, workers: 4, ScalingMode.Strong));
    }

    [Fact]
    public void Speedup_WeakScaling_IsThroughput_NTimesSequentialOverCell()
    {
        // 4 workers each doing the whole 100 ms job in 100 ms: 4 times the throughput.
        Assert.Equal(4.0, ScalingMath.Speedup(sequentialMs: 100, cellMs: 100, workers: 4, ScalingMode.Weak));
        // 2 workers, the two jobs one after another (a GIL): no gain.
        Assert.Equal(1.0, ScalingMath.Speedup(sequentialMs: 100, cellMs: 200, workers: 2, ScalingMode.Weak));
    }

    [Fact]
    public void Efficiency_IsSpeedupPerWorker()
    {
        Assert.Equal(0.95, ScalingMath.Efficiency(1.9, 2), 10);
        Assert.Equal(0.25, ScalingMath.Efficiency(1.0, 4));
    }

    [Fact]
    public void Spread_OfTwoRuns_HasMinAndMaxOnly()
    {
        var spread = ScalingMath.Spread([12.0, 10.0]);

        Assert.Equal(new Spread(10, 12, null, null), spread);
    }

    [Fact]
    public void Spread_OfThreeOrMoreRuns_AddsSampleStdDevAndInterquartileRange()
    {
        // Sample standard deviation of 2, 4, 4, 4, 5, 5, 7, 9 is sqrt(32 / 7); type-7 quartiles are 4 and 5.5.
        var spread = ScalingMath.Spread([9.0, 2.0, 4.0, 4.0, 5.0, 4.0, 5.0, 7.0]);

        Assert.Equal(2, spread.Min);
        Assert.Equal(9, spread.Max);
        Assert.Equal(Math.Sqrt(32.0 / 7), spread.StdDev!.Value, 10);
        Assert.Equal(1.5, spread.Iqr!.Value, 10);
    }

    [Fact]
    public void Quantile_InterpolatesBetweenClosestRanks() =>
        Assert.Equal(1.75, ScalingMath.Quantile([1.0, 2.0, 3.0, 4.0], 0.25), 10);

    [Fact]
    public void CellSummaries_ComputeSpeedupAndEfficiencyFromMedians_AgainstTheSequentialMedian()
    {
        RunMeasurement[] runs =
        [
            Run(ExperimentExecutor.Sequential, 1, 1, 100), Run(ExperimentExecutor.Sequential, 1, 2, 104), Run(ExperimentExecutor.Sequential, 1, 3, 96),
            Run(ExperimentExecutor.Threads, 2, 1, 50), Run(ExperimentExecutor.Threads, 2, 2, 80), Run(ExperimentExecutor.Threads, 2, 3, 52),
            Run(ExperimentExecutor.ThreadsGil, 2, 1, 101, gilWait: 99), Run(ExperimentExecutor.ThreadsGil, 2, 2, 99, gilWait: 97),
        ];

        var cells = CellSummaries.From(runs, ScalingMode.Strong);

        var sequential = cells.Single(c => c.Executor == "sequential");
        Assert.Equal((100.0, 1.0, 1.0, 3), (sequential.WallMs, sequential.Speedup!.Value, sequential.Efficiency!.Value, sequential.Runs));
        var threads = cells.Single(c => c.Executor == "threads");
        Assert.Equal(52, threads.WallMs); // the median ignores the one slow run
        Assert.Equal(Math.Round(100 / 52.0, 3), threads.Speedup);
        Assert.Equal(Math.Round(100 / 52.0 / 2, 3), threads.Efficiency);
        Assert.Equal(1.04, threads.CpuRatio); // median CPU 104 ms for the work sequential did in 100 ms
        Assert.Equal(1, sequential.CpuRatio);
        Assert.Equal(new Spread(50, 80, 16.773, 15), threads.Spread); // sample sd of 50, 52, 80; quartiles 51 and 66
        Assert.Equal([50.0, 80.0, 52.0], threads.RunsWallMs);
        var gil = cells.Single(c => c.Executor == "threads+gil");
        Assert.Equal(100, gil.WallMs);
        Assert.Equal(1.0, gil.Speedup);
        Assert.Equal(98, gil.GilWaitMs);
        Assert.Null(threads.GilWaitMs);
    }

    [Fact]
    public void CellSummaries_WithoutABaselineYet_LeaveSpeedupOut()
    {
        var cells = CellSummaries.From([Run(ExperimentExecutor.Processes, 4, 1, 30)], ScalingMode.Weak);

        Assert.Null(Assert.Single(cells).Speedup);
    }

    private static RunMeasurement Run(ExperimentExecutor executor, int workers, int repetition, double wallMs, double? gilWait = null) =>
        new(executor, workers, workers, repetition, wallMs, wallMs * workers, gilWait);
}
