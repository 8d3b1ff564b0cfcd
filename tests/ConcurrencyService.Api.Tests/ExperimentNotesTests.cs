using ConcurrencyService.Core.Executors.Processes;
using ConcurrencyService.Experiments;
using ConcurrencyService.Experiments.Advice;
using ConcurrencyService.Experiments.Results;

namespace ConcurrencyService.Api.Tests;

/// <summary>The noise rules of an experiment, fed hand-built measurements: each note appears when, and only when, its rule says.</summary>
public sealed class ExperimentNotesTests
{
    private static readonly MachineInfo TwoCores = new(2, "Test CPU", "Linux", ".NET 10", BuildConfiguration.Release, WorkerFlavour.Lean);

    [Fact]
    public void QuietReleaseRun_WithinTheIdeal_HasNoNotes()
    {
        var runs = Quiet();

        Assert.Empty(Notes(runs, load: new MachineLoad(0.2, 1, 8)));
    }

    [Fact]
    public void BusyMachine_AtTheAdvisorsThreshold_IsNoted()
    {
        // The reference case of the product brief: 13.4 other runnable threads on 2 cores.
        var notes = Notes(Quiet(), load: new MachineLoad(13.4, 20, 8));

        var note = Assert.Single(notes);
        Assert.StartsWith("A busy machine: other programs kept 13.4 threads runnable", note, StringComparison.Ordinal);
        Assert.True(new MachineLoad(AdviceRules.Busy * 2, 1, 1).IsBusy(2));
        Assert.False(new MachineLoad((AdviceRules.Busy * 2) - 0.01, 1, 1).IsBusy(2));
    }

    [Fact]
    public void StarvedCpuBaseline_IsNoted_ButNotForIoWork()
    {
        // The brief's reference: 7.1 ms wall for 2.8 ms of CPU, 39% of a core.
        RunMeasurement[] runs = [.. Quiet().Select(r => r.Executor == ExperimentExecutor.Sequential ? r with { WallMs = 7100, CpuMs = 2800 } : r)];

        Assert.Contains(Notes(runs), n => n.StartsWith("A starved baseline: the sequential runs got 39% of a core", StringComparison.Ordinal));
        Assert.DoesNotContain(Notes(runs, cpuBound: false), n => n.Contains("starved", StringComparison.Ordinal));
    }

    [Fact]
    public void ShortCells_AgainstTheDispatchOverhead_AreNoted()
    {
        // Processes pay 0.2 ms per task to hand it over: a 5 ms cell needs 100 × 0.2 = 20 ms.
        RunMeasurement[] runs = [.. Quiet().Select(r => r.Executor == ExperimentExecutor.Processes ? r with { WallMs = 5, TaskRunMs = 9, DispatchOverheadMs = 0.2 } : r)];

        var note = Assert.Single(Notes(runs), n => n.StartsWith("Too short to time", StringComparison.Ordinal));
        Assert.Contains("processes on 2 workers ran 5.0 ms (needs 20 ms)", note, StringComparison.Ordinal);
    }

    [Fact]
    public void DebugBuild_IsNoted()
    {
        var notes = ExperimentNotes.For(Inputs(Quiet(), null, cpuBound: true, TwoCores with { Build = BuildConfiguration.Debug }));

        Assert.Contains(notes, n => n.StartsWith("A Debug build", StringComparison.Ordinal));
    }

    [Fact]
    public void ThreadsUnderAGil_AboveOne_OnCpuWork_IsNotedAsAboveTheIdeal()
    {
        // The brief's reference: threads+gil 1.64× on CPU work, which a GIL cannot give.
        RunMeasurement[] runs = [.. Quiet(), .. Enumerable.Range(1, 4).Select(i => Run(ExperimentExecutor.ThreadsGil, 2, 59 + i, taskRun: 120, repetition: i))];

        var cells = CellSummaries.From(runs, ScalingMode.Strong, 2, cpuBound: true);
        var gil = cells.Single(c => c.Executor == "threads+gil");
        Assert.Equal(1, gil.Ideal);
        Assert.Contains(CellFlags.AboveIdeal, gil.Flags);
        var note = Assert.Single(Notes(runs), n => n.StartsWith("Threads+gil on 2 workers measured 1.63×", StringComparison.Ordinal));
        Assert.Contains("above the ideal 1×", note, StringComparison.Ordinal);
        Assert.Contains("read it as at most 1×", note, StringComparison.Ordinal);
    }

    [Fact]
    public void WaitingWork_OnOneThread_OverlapsEveryTask_AndIsNotAboveItsIdeal()
    {
        // Four 10 ms sleeps: 40 ms one after another, 10 ms on one thread worker, which lets go of its thread while a task waits.
        RunMeasurement[] runs =
        [
            .. Enumerable.Range(1, 4).Select(i => Run(ExperimentExecutor.Sequential, 1, 40 + (i * 0.1), taskRun: 40, cpu: 0.1, repetition: i)),
            .. Enumerable.Range(1, 4).Select(i => Run(ExperimentExecutor.Threads, 1, 10 + (i * 0.1), taskRun: 40, repetition: i)),
        ];

        var threads = CellSummaries.From(runs, ScalingMode.Strong, 2, cpuBound: false).Single(c => c.Executor == "threads");

        Assert.Equal(4, threads.Ideal);
        Assert.DoesNotContain(CellFlags.AboveIdeal, threads.Flags);
        Assert.DoesNotContain(Notes(runs, cpuBound: false), n => n.Contains("above the ideal", StringComparison.Ordinal));
        Assert.Equal(1, CellSummaries.Ideal(ExperimentExecutor.Threads, 1, 2, cpuBound: true, tasks: 4));
    }

    [Fact]
    public void IdleWorkers_AreNoted_WithTheReasonForASpeedupAboveTheIdeal()
    {
        // Two sleeps of 10 ms on 2 workers in a 40 ms run: occupied 25% of the time.
        RunMeasurement[] runs = [.. Quiet().Where(r => r.Executor == ExperimentExecutor.Sequential), .. Enumerable.Range(1, 4).Select(i => Run(ExperimentExecutor.Threads, 2, 40, taskRun: 20))];

        var cells = CellSummaries.From(runs, ScalingMode.Strong, 2, cpuBound: true);
        Assert.Equal(0.25, cells.Single(c => c.Executor == "threads").Occupancy);
        var note = Assert.Single(Notes(runs));
        Assert.Contains("its workers were occupied only 25% of the run", note, StringComparison.Ordinal);
    }

    [Fact]
    public void SpeedupInterval_WithFourRunsEach_BracketsTheSpeedup_AndWithThree_SaysNTooSmall()
    {
        var cells = CellSummaries.From(Quiet(), ScalingMode.Strong, 2, cpuBound: true);
        var processes = cells.Single(c => c.Executor == "processes");

        Assert.NotNull(processes.SpeedupInterval);
        Assert.True(processes.SpeedupInterval!.Low <= processes.Speedup && processes.Speedup <= processes.SpeedupInterval.High, $"{processes.Speedup} in {processes.SpeedupInterval}");
        Assert.Null(processes.SpeedupInterval.Missing);

        var three = CellSummaries.From([.. Quiet().Where(r => r.Repetition <= 3)], ScalingMode.Strong, 2, cpuBound: true).Single(c => c.Executor == "processes");
        Assert.Null(three.SpeedupInterval!.Low);
        Assert.StartsWith("n too small", three.SpeedupInterval.Missing, StringComparison.Ordinal);
        Assert.Equal("(n too small)", three.SpeedupInterval.ToString());
    }

    /// <summary>Four repetitions of a CPU job: 100 ms sequential, 52 ms on 2 processes, all workers busy.</summary>
    private static RunMeasurement[] Quiet() =>
    [
        .. new[] { 100.0, 102, 98, 101 }.Select((wall, i) => Run(ExperimentExecutor.Sequential, 1, wall, taskRun: wall - 0.05, cpu: wall * 0.98, repetition: i + 1)),
        .. new[] { 52.0, 53, 51, 54 }.Select((wall, i) => Run(ExperimentExecutor.Processes, 2, wall, taskRun: 2 * wall * 0.95, cpu: 100, repetition: i + 1, overhead: 0.1)),
    ];

    private static RunMeasurement Run(ExperimentExecutor executor, int workers, double wall, double taskRun, double? cpu = null, int repetition = 1, double? overhead = null) =>
        new(executor, workers, 4, repetition, wall, cpu, executor == ExperimentExecutor.ThreadsGil ? 0 : null, taskRun, overhead);

    private static IReadOnlyList<string> Notes(IReadOnlyList<RunMeasurement> runs, MachineLoad? load = null, bool cpuBound = true) =>
        ExperimentNotes.For(Inputs(runs, load, cpuBound, TwoCores));

    private static NoteInputs Inputs(IReadOnlyList<RunMeasurement> runs, MachineLoad? load, bool cpuBound, MachineInfo machine) =>
        new(ExperimentKind.Scaling, cpuBound, runs, CellSummaries.From(runs, ScalingMode.Strong, machine.LogicalCores, cpuBound), load, 0, machine);
}
