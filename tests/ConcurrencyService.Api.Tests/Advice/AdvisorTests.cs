using ConcurrencyService.Experiments;
using ConcurrencyService.Experiments.Advice;
using ConcurrencyService.Experiments.Results;
using static ConcurrencyService.Api.Tests.Advice.Measured;

namespace ConcurrencyService.Api.Tests.Advice;

/// <summary>Every branch of the advisor's decision, on hand-built measurements whose answer is known.</summary>
public sealed class AdvisorTests
{
    [Fact]
    public void CpuBound_ScalingOnThreadsAndProcesses_IsEitherForDotNet_AndProcessesUnderAGil()
    {
        var advice = Advisor.Advise(CpuBound());

        Assert.Equal(Choice.Either, advice.DotNet.Choice);
        Assert.Equal(Choice.Processes, advice.Gil.Choice);
        Assert.Equal(Doubts.None, advice.Doubts);
        Assert.Empty(advice.Notes);
        Assert.StartsWith("CPU-bound, 98% CPU [98, 98]", advice.Gil.Reasons[0], StringComparison.Ordinal);
        Assert.Contains(advice.Gil.Reasons, r => r.StartsWith("processes 1.9", StringComparison.Ordinal) && r.Contains("over threads under a GIL 0.99× [0.98, 1.01] on 1 worker", StringComparison.Ordinal));
        Assert.Contains(advice.Gil.Reasons, r => r.Contains("pays 0.13% for its process hop", StringComparison.Ordinal));
        Assert.Contains(advice.DotNet.Reasons, r => r.StartsWith("processes ÷ threads 0.98× [0.97, 1.0]: within 10% either way", StringComparison.Ordinal));
    }

    [Fact]
    public void ShortIoTasks_WhereTheProcessHopDominates_AreThreads_ForBothRuntimes()
    {
        var advice = Advisor.Advise(Calibration(
            sequentialMs: 100,
            cpuShare: 0.03,
            Cell(ExperimentExecutor.Threads, 4, 26),
            Cell(ExperimentExecutor.ThreadsGil, 4, 27),
            Cell(ExperimentExecutor.Processes, 4, 40)));

        Assert.Equal(WorkloadKind.IoBound, advice.Profile.Kind);
        Assert.Equal(Choice.Threads, advice.DotNet.Choice);
        Assert.Equal(Choice.Threads, advice.Gil.Choice);
        Assert.Contains(advice.DotNet.Reasons, r => r.StartsWith("threads finish the batch 1.5", StringComparison.Ordinal));
    }

    [Fact]
    public void NoisyCells_WhoseDifferenceIntervalSpansTheMargin_AreInconclusive_AndAskForMoreRuns()
    {
        var calibration = CpuBound() with
        {
            Cells =
            [
                new CellTimings(ExperimentExecutor.Threads, 2, [60, 48, 85, 52, 66], null),
                new CellTimings(ExperimentExecutor.ThreadsGil, 2, [58, 90, 47, 70, 55], null),
                new CellTimings(ExperimentExecutor.Processes, 2, [50, 70, 45, 90, 55], null),
            ],
        };

        var advice = Advisor.Advise(calibration);

        Assert.Equal(Choice.Inconclusive, advice.DotNet.Choice);
        Assert.Equal(Choice.Inconclusive, advice.Gil.Choice);
        Assert.Equal(Doubts.WideIntervals, advice.Doubts);
        Assert.Contains(advice.DotNet.Reasons, r => r.Contains("more runs would tell", StringComparison.Ordinal));
    }

    [Fact]
    public void ABusyMachine_MakesBothAnswersInconclusive_WithTheClaimsReportsThreshold()
    {
        var calibration = CpuBound() with { Conditions = Quiet with { Load = new MachineLoad(13.4, 17, 20) } };

        var advice = Advisor.Advise(calibration);

        Assert.Equal(Choice.Inconclusive, advice.DotNet.Choice);
        Assert.Equal(Choice.Inconclusive, advice.Gil.Choice);
        Assert.Equal(Doubts.BusyMachine, advice.Doubts);
        var note = Assert.Single(advice.Notes);
        Assert.Contains("13.4 threads runnable on average during the runs, on 2 cores", note, StringComparison.Ordinal);
        Assert.Contains(note, advice.Gil.Reasons);
    }

    [Theory]
    [InlineData(0.9, false)] // 0.9 runnable threads on 2 cores: under half a thread per core
    [InlineData(1.0, true)]
    public void TheMachineIsBusy_FromHalfARunnableThreadPerCore(double meanOtherRunnable, bool busy)
    {
        var advice = Advisor.Advise(CpuBound() with { Conditions = Quiet with { Load = new MachineLoad(meanOtherRunnable, 2, 10) } });

        Assert.Equal(busy, advice.Doubts.HasFlag(Doubts.BusyMachine));
    }

    [Fact]
    public void ACpuBoundBaseline_ThatGotLittleOfACore_IsInconclusive()
    {
        var starved = CpuBound();
        starved = starved with { Sequential = [.. starved.Sequential.Select(r => r with { CpuMs = r.WallMs * 0.39 })] };

        var advice = Advisor.Advise(starved);

        Assert.Equal(Doubts.StarvedBaseline, advice.Doubts);
        Assert.Equal(Choice.Inconclusive, advice.DotNet.Choice);
        Assert.Contains(advice.Notes, n => n.StartsWith("The sequential baseline got 39% of a core", StringComparison.Ordinal));
    }

    [Fact]
    public void ABaselineIdleBetweenTinyTasks_IsBlamedOnTheHandOver_NotOnTheMachine()
    {
        // Tasks of 55 µs that keep their core while they run, handed over one by one at 0.3 ms each: the baseline waits.
        var tiny = CpuBound();
        tiny = tiny with
        {
            Sequential = [.. tiny.Sequential.Select(r => r with { CpuMs = r.WallMs * 0.15 })],
            Tasks = [.. Around(0.055).Select(ms => new TaskTiming(ms * 0.98, ms))],
            Dispatch = [new DispatchSamples(ExperimentExecutor.Threads, Around(0.3)), .. tiny.Dispatch.Where(d => d.Executor != ExperimentExecutor.Threads)],
        };

        var advice = Advisor.Advise(tiny);

        Assert.True(advice.Doubts.HasFlag(Doubts.ShortCells), advice.Doubts.ToString());
        Assert.False(advice.Doubts.HasFlag(Doubts.StarvedBaseline), advice.Doubts.ToString());
        Assert.Equal(Choice.Inconclusive, advice.DotNet.Choice);
        Assert.Contains(advice.Notes, n => n.Contains("short beside the hand-over between two (0.3 ms)", StringComparison.Ordinal));
    }

    [Fact]
    public void WaitingWorkOnThreads_BeyondItsWorkerCount_IsNotCalledAboveTheIdeal()
    {
        // io.sleep on 2 thread workers overlaps all 4 tasks of a batch: 4×, which threads reach because waits hold no thread.
        var advice = Advisor.Advise(Calibration(
            sequentialMs: 400, cpuShare: 0.01, Cell(ExperimentExecutor.Threads, 2, 100), Cell(ExperimentExecutor.Processes, 2, 200)));

        Assert.False(Assert.Single(advice.Curve, p => p.Executor == ExperimentExecutor.Threads).AboveIdeal);
        Assert.DoesNotContain(advice.Notes, n => n.Contains("above the ideal", StringComparison.Ordinal));
    }

    [Fact]
    public void AnIoBoundBaseline_IdlesByNature_AndIsNotCalledStarved()
    {
        var advice = Advisor.Advise(Calibration(100, cpuShare: 0.03, Cell(ExperimentExecutor.Threads, 4, 26), Cell(ExperimentExecutor.Processes, 4, 40)));

        Assert.False(advice.Doubts.HasFlag(Doubts.StarvedBaseline));
    }

    [Fact]
    public void CellsTooShortForTheirDispatchOverhead_AreInconclusive_AndNamed()
    {
        // Processes pay 0.1 ms a task: a cell must last 10 ms to time them; 6 ms does not.
        var advice = Advisor.Advise(Calibration(
            sequentialMs: 20,
            cpuShare: 0.98,
            Cell(ExperimentExecutor.Threads, 2, 10.5),
            Cell(ExperimentExecutor.ThreadsGil, 2, 20.5),
            Cell(ExperimentExecutor.Processes, 2, 6)));

        Assert.Equal(Doubts.ShortCells, advice.Doubts);
        Assert.Equal(Choice.Inconclusive, advice.DotNet.Choice);
        var note = Assert.Single(advice.Notes, n => n.StartsWith("Too short", StringComparison.Ordinal));
        Assert.Contains("processes on 2 workers 6.0 ms (needs 10 ms)", note, StringComparison.Ordinal);
        Assert.DoesNotContain("threads on 2 workers", note, StringComparison.Ordinal);
    }

    [Fact]
    public void ThreeRunsACell_AreTooFewForAnInterval_AndInconclusive()
    {
        var calibration = CpuBound();
        calibration = calibration with
        {
            Sequential = [.. calibration.Sequential.Take(3)],
            Cells = [.. calibration.Cells.Select(c => c with { WallMs = [.. c.WallMs.Take(3)] })],
        };

        var advice = Advisor.Advise(calibration);

        Assert.Equal(Choice.Inconclusive, advice.Gil.Choice);
        Assert.Equal(Doubts.TooFewRuns, advice.Doubts);
        Assert.All(advice.Curve, p => Assert.False(p.Speedup.HasInterval));
    }

    [Fact]
    public void AnExecutorNotMeasured_LeavesNothingToCompare()
    {
        var calibration = CpuBound();
        calibration = calibration with { Cells = [.. calibration.Cells.Where(c => c.Executor != ExperimentExecutor.ThreadsGil)] };

        var advice = Advisor.Advise(calibration);

        Assert.Equal(Choice.Either, advice.DotNet.Choice);
        Assert.Equal(Choice.Inconclusive, advice.Gil.Choice);
        Assert.Contains("threads+gil was not measured, so there is nothing to compare.", advice.Gil.Reasons);
    }

    [Fact]
    public void ADebugBuild_CarriesANote_ButDoesNotChangeTheAnswer()
    {
        var advice = Advisor.Advise(CpuBound() with { Conditions = Quiet with { Build = BuildConfiguration.Debug } });

        Assert.StartsWith("A Debug build", Assert.Single(advice.Notes), StringComparison.Ordinal);
        Assert.Equal(Doubts.None, advice.Doubts);
        Assert.Equal(Choice.Processes, advice.Gil.Choice);
    }

    [Fact]
    public void ASpeedupAboveTheWorkerCount_IsFlagged_AndExplained()
    {
        var advice = Advisor.Advise(Calibration(300, 0.98, Cell(ExperimentExecutor.Threads, 2, 120), Cell(ExperimentExecutor.Processes, 2, 155)));

        var point = Assert.Single(advice.Curve, p => p.AboveIdeal);
        Assert.Equal(ExperimentExecutor.Threads, point.Executor);
        Assert.True(point.Speedup.Above(2));
        Assert.Contains(advice.Notes, n => n.StartsWith("Threads on 2 workers measured 2.5× [", StringComparison.Ordinal) && n.Contains("above the ideal 2×: ", StringComparison.Ordinal));
    }

    [Fact]
    public void WorkersOccupiedUnderHalfTheRun_AreFlagged_AsNotTheBottleneck()
    {
        // 2 workers for a 155 ms run hold 310 ms of capacity; tasks ran 100 ms of it.
        var advice = Advisor.Advise(Calibration(300, 0.98, Cell(ExperimentExecutor.Threads, 2, 155, taskRunMs: 100), Cell(ExperimentExecutor.Processes, 2, 158, taskRunMs: 290)));

        Assert.True(Assert.Single(advice.Curve, p => p.Executor == ExperimentExecutor.Threads).WorkersIdle);
        Assert.False(Assert.Single(advice.Curve, p => p.Executor == ExperimentExecutor.Processes).WorkersIdle);
        Assert.Contains("Threads on 2 workers: the workers were occupied 32% of the run, so its speedup measures what fed them, not the workers.", advice.Notes);
    }

    [Fact]
    public void TheCurve_HasAPointPerCell_WithTheSpeedupAndItsInterval()
    {
        var advice = Advisor.Advise(CpuBound());

        Assert.Equal(6, advice.Curve.Count);
        var processes = Assert.Single(advice.Curve, p => p.Executor == ExperimentExecutor.Processes && p.Workers == 2);
        Assert.Equal(300.0 / 158, processes.Speedup.Value, 2);
        Assert.True(processes.Speedup.Low < processes.Speedup.Value && processes.Speedup.Value < processes.Speedup.High);
        Assert.Equal(5, processes.Runs);
    }

    [Fact]
    public void ACalibrationWithoutASequentialRun_IsRefused() =>
        Assert.Throws<ArgumentException>(() => Advisor.Advise(CpuBound() with { Sequential = [] }));
}
