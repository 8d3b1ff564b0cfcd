using ConcurrencyService.Experiments;
using ConcurrencyService.Experiments.Advice;
using static ConcurrencyService.Api.Tests.Advice.Measured;

namespace ConcurrencyService.Api.Tests.Advice;

/// <summary>The profile's classification, the costs and the break-even task size, from known measurements.</summary>
public sealed class CostsAndProfileTests
{
    [Theory]
    [InlineData(0.98, WorkloadKind.CpuBound)]
    [InlineData(0.8, WorkloadKind.CpuBound)]
    [InlineData(0.79, WorkloadKind.Mixed)]
    [InlineData(0.5, WorkloadKind.Mixed)]
    [InlineData(0.21, WorkloadKind.Mixed)]
    [InlineData(0.19, WorkloadKind.IoBound)]
    [InlineData(0.0, WorkloadKind.IoBound)]
    public void TheProfile_IsClassifiedByTheMeasuredCpuShare(double share, WorkloadKind kind)
    {
        var profile = Advisor.Advise(CpuBound() with { Tasks = [.. Around(TaskMs).Select(ms => new TaskTiming(ms * share, ms))] }).Profile;

        Assert.Equal(kind, profile.Kind);
        Assert.Equal(share, profile.CpuShare.Value, 9);
    }

    [Fact]
    public void TheBounds_BelongToTheEnds_NotToMixed()
    {
        Assert.Equal(WorkloadKind.CpuBound, ProfileRules.Kind(AdviceRules.CpuBound));
        Assert.Equal(WorkloadKind.IoBound, ProfileRules.Kind(AdviceRules.IoBound));
    }

    [Fact]
    public void TheCpuShare_IsAMedianWithAnInterval_KeptWithinOneCore()
    {
        TaskTiming[] tasks = [new(50, 100), new(60, 100), new(70, 100), new(80, 100), new(130, 100)];

        var share = Advisor.Advise(CpuBound() with { Tasks = tasks }).Profile.CpuShare;

        Assert.True(share.Low < share.Value && share.Value < share.High, $"{share}");
        Assert.InRange(share.Value, 0.6, 0.8);
        Assert.True(share.High <= 1);
    }

    [Fact]
    public void BreakEven_IsTwentyTimesTheProcessHop_AndTheHopIsAShareOfThisTask()
    {
        var costs = Advisor.Advise(CpuBound() with { Dispatch = [new DispatchSamples(ExperimentExecutor.Processes, [0.1, 0.11, 0.09, 0.1, 0.1])] }).Costs;

        // 0.1 ms must be under 5% of a task: tasks of 2 ms or more. A 75 ms task pays 0.1 / 75.
        Assert.Equal(2.0, costs.BreakEvenTaskMs!.Value, 1);
        Assert.True(costs.BreakEvenTaskMs.Low <= 2.0 && costs.BreakEvenTaskMs.High >= 2.0);
        Assert.Equal(0.1 / 75, costs.ProcessHopShare!.Value, 3);
    }

    [Fact]
    public void WithoutAProcessesOverhead_ThereIsNoBreakEven()
    {
        var costs = Advisor.Advise(CpuBound() with { Dispatch = [new DispatchSamples(ExperimentExecutor.Threads, [0.03, 0.03, 0.03])] }).Costs;

        Assert.Null(costs.BreakEvenTaskMs);
        Assert.Null(costs.ProcessHopShare);
        Assert.Equal(ExperimentExecutor.Threads, Assert.Single(costs.Dispatch).Executor);
    }

    [Fact]
    public void WorkerProcessCosts_AreMedians_AndMemoryIsNamedAmongWhatTimingsCannotTell()
    {
        var advice = Advisor.Advise(CpuBound());

        Assert.Equal(55, advice.Costs.WorkerStartMs!.Value, 0);
        Assert.Equal(30.3, advice.Costs.WorkerResidentMb!.Value, 0);
        Assert.Contains(advice.CannotTell, c => c.StartsWith("Crash isolation", StringComparison.Ordinal));
        Assert.Contains(advice.CannotTell, c => c.StartsWith("Memory per worker: each worker process holds its own runtime (30", StringComparison.Ordinal));
    }

    [Fact]
    public void AJitteredNegativeOverhead_CountsAsNone()
    {
        var costs = Advisor.Advise(CpuBound() with { Dispatch = [new DispatchSamples(ExperimentExecutor.Threads, [-0.001, 0.0, 0.001])] }).Costs;

        Assert.True(Assert.Single(costs.Dispatch).PerTaskMs.Value >= 0);
    }
}
