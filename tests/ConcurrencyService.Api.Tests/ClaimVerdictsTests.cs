using ConcurrencyService.Experiments;
using ConcurrencyService.Experiments.Claims;
using ConcurrencyService.Experiments.Presets;
using ConcurrencyService.Experiments.Results;

namespace ConcurrencyService.Api.Tests;

/// <summary>The verdicts, decided from known measurements.</summary>
public sealed class ClaimVerdictsTests
{
    private static readonly PresetEvidence PrimesPool = Done(
        Cell("sequential", 1, 1, wallMs: 40), Cell("threads", 2, 1.9), Cell("threads+gil", 2, 0.98), Cell("processes", 2, 1.7), Cell("processes-spawn", 2, 0.1));

    private static readonly PresetEvidence SqrtPerCore = Done(
        Cell("sequential", 1, 1, wallMs: 20), Cell("threads", 1, 1), Cell("threads", 2, 1.95), Cell("threads+gil", 2, 1.0), Cell("processes", 2, 1.8));

    private static readonly PresetEvidence Sleeps = Done(
        Cell("sequential", 1, 1, wallMs: 5000, tasks: 10), Cell("threads", 1, 9.9), Cell("threads", 10, 9.9), Cell("threads+gil", 1, 9.8), Cell("threads+gil", 10, 9.8),
        Cell("processes", 1, 1.0), Cell("processes", 10, 9.5));

    private static readonly PresetEvidence StartCost = new(
        ExperimentStatus.Succeeded, null, [], new StartCostView(100, 10_000, Cost(0.1), Cost(150), 1500, "python"), null);

    private static readonly PresetEvidence Oversubscription = Done(
        Cell("sequential", 1, 1), Cell("processes", 1, 0.95), Cell("processes", 2, 1.8), Cell("processes", 4, 1.7), Cell("processes", 8, 1.55),
        Cell("threads", 2, 1.95), Cell("threads", 8, 1.9));

    private static readonly PresetEvidence Crash = new(ExperimentStatus.Succeeded, null, [], null, CrashOf(refilled: true));

    [Fact]
    public void Evaluate_DotNetLikeMeasurements_GiveTheExpectedVerdicts()
    {
        var claims = ClaimVerdicts.Evaluate(Evidence());

        Assert.Equal(
            [
                ClaimVerdict.HoldsOnlyUnderGil, // threads scale CPU work in .NET, not under the GIL
                ClaimVerdict.DoesNotHold,       // threads do not make CPU work slower, even under the GIL
                ClaimVerdict.Holds,             // processes scale
                ClaimVerdict.Holds,             // threads overlap IO waits
                ClaimVerdict.Holds,             // a process start costs 1,500× a thread start
                ClaimVerdict.Holds,             // past 2 cores processes gain nothing (1.7 ≤ 1.1 × 1.8)
                ClaimVerdict.Holds,             // and at 8 they lose (1.55 ≤ 0.9 × 1.8)
                ClaimVerdict.Holds,             // the crash was contained
            ],
            claims.Select(c => c.Verdict));
        Assert.Contains("threads 1.90× on 2 workers (primes < 1,000,000", claims[0].DotNet, StringComparison.Ordinal);
        Assert.Contains("threads+gil 0.98× on 2 workers", claims[0].UnderGil, StringComparison.Ordinal);
        Assert.Contains("1500×", claims[4].DotNet, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ThreadsThatDoNotScaleAndSlowDown_MakeTheThreadClaimsHold()
    {
        var primes = Done(Cell("sequential", 1, 1), Cell("threads", 2, 0.5), Cell("threads+gil", 2, 0.5), Cell("processes", 2, 1.6));
        var sqrt = Done(Cell("sequential", 1, 1), Cell("threads", 2, 1.0), Cell("threads+gil", 2, 1.0), Cell("processes", 2, 1.9));
        var oversubscription = Done(Cell("sequential", 1, 1), Cell("threads", 2, 0.9), Cell("processes", 2, 1.8), Cell("processes", 4, 1.6));

        var claims = ClaimVerdicts.Evaluate(Evidence() with { PrimesPool = primes, SqrtPerCore = sqrt, Oversubscription = oversubscription });

        Assert.Equal(ClaimVerdict.Holds, claims[0].Verdict);
        Assert.Equal(ClaimVerdict.Holds, claims[1].Verdict);
    }

    [Fact]
    public void Evaluate_CoresThatSlowedEachOtherDown_SayHowMuchCpuTheSameWorkTook()
    {
        var primes = Done(Cell("sequential", 1, 1, wallMs: 80), Cell("threads", 2, 1.3, wallMs: 62) with { CpuRatio = 1.6 }, Cell("threads+gil", 2, 1.0), Cell("processes", 2, 1.6));

        var claims = ClaimVerdicts.Evaluate(Evidence() with { PrimesPool = primes });

        Assert.Contains("threads 1.30× on 2 workers (primes < 1,000,000: 80 ms sequential, 62 ms; CPU time ×1.60 of sequential)", claims[0].DotNet, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_PresetsDisagreeing_TheMedianDecides()
    {
        var sqrt = Done(Cell("sequential", 1, 1), Cell("threads", 2, 1.0), Cell("threads+gil", 2, 1.0), Cell("processes", 2, 1.9));
        var primes = Done(Cell("sequential", 1, 1), Cell("threads", 2, 1.9), Cell("threads+gil", 2, 0.98), Cell("processes", 2, 1.2));

        var claims = ClaimVerdicts.Evaluate(Evidence() with { SqrtPerCore = sqrt, PrimesPool = primes });

        // threads: 1.9 (primes), 1.0 (sqrt), 1.95 (oversubscription) → median 1.9, they scale; processes: 1.2, 1.9, 1.8 → 1.8.
        Assert.Equal(ClaimVerdict.HoldsOnlyUnderGil, claims[0].Verdict);
        Assert.Equal(ClaimVerdict.Holds, claims[2].Verdict);
        Assert.Contains("median 1.90×", claims[0].DotNet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, null, ClaimVerdict.Holds)]
    [InlineData(true, false, ClaimVerdict.Holds)]
    [InlineData(false, true, ClaimVerdict.HoldsOnlyUnderGil)]
    [InlineData(false, false, ClaimVerdict.DoesNotHold)]
    [InlineData(false, null, ClaimVerdict.DoesNotHold)]
    [InlineData(null, true, ClaimVerdict.Inconclusive)]
    public void Combine_PlainThreadsFirst_ThenTheGil(bool? plain, bool? underGil, ClaimVerdict verdict) =>
        Assert.Equal(verdict, ClaimVerdicts.Combine(plain, underGil));

    [Fact]
    public void Evaluate_WhileAPresetRuns_ItsClaimsArePending_AndTheOthersDecided()
    {
        var running = new PresetEvidence(ExperimentStatus.Running, null, [], null, null);

        var claims = ClaimVerdicts.Evaluate(Evidence() with { Sleeps = running });

        Assert.Equal(ClaimVerdict.Pending, claims[3].Verdict);
        Assert.Contains("waiting for the sleeps preset", claims[3].DotNet, StringComparison.Ordinal);
        Assert.Equal(ClaimVerdict.Holds, claims[2].Verdict);
    }

    [Fact]
    public void Evaluate_WhenAPresetFailed_ItsClaimsAreInconclusive_WithTheReason()
    {
        var failed = new PresetEvidence(ExperimentStatus.Failed, "the worker host did not start", [], null, null);

        var claims = ClaimVerdicts.Evaluate(Evidence() with { StartCost = failed });

        Assert.Equal(ClaimVerdict.Inconclusive, claims[4].Verdict);
        Assert.Contains("the start-cost preset failed: the worker host did not start", claims[4].DotNet, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OnOneCore_CannotDecideTheParallelClaims()
    {
        var claims = ClaimVerdicts.Evaluate(Evidence() with { Cores = 1 });

        Assert.All(claims.Take(3), c => Assert.Equal(ClaimVerdict.Inconclusive, c.Verdict));
        Assert.Contains("one logical core", claims[0].DotNet, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OnABusyMachine_TheCpuClaimsAreInconclusive_AndTheOthersDecided()
    {
        var busy = new MachineLoad(MeanOtherRunnable: 1.5, MaxOtherRunnable: 9, Samples: 45);

        var claims = ClaimVerdicts.Evaluate(Evidence() with { PrimesPool = PrimesPool with { Load = busy }, Sleeps = Sleeps with { Load = busy } });

        Assert.All(claims.Take(3), c => Assert.Equal(ClaimVerdict.Inconclusive, c.Verdict));
        Assert.Contains("other programs kept 1.5 threads runnable on average during the primes-pool preset, on 2 cores", claims[0].DotNet, StringComparison.Ordinal);
        Assert.Equal(ClaimVerdict.Holds, claims[3].Verdict); // ten sleeps overlap however busy the cores are
    }

    [Fact]
    public void Evaluate_WhenTheSequentialBaselineGotHalfACore_TheCpuClaimsAreInconclusive()
    {
        var throttled = Done(Cell("sequential", 1, 1, wallMs: 200) with { CpuMs = 90 }, Cell("threads", 2, 1.9), Cell("threads+gil", 2, 1.0), Cell("processes", 2, 1.6));

        var claims = ClaimVerdicts.Evaluate(Evidence() with { SqrtPerCore = throttled });

        Assert.Equal(ClaimVerdict.Inconclusive, claims[0].Verdict);
        Assert.Contains("sequential baseline got 45% of a core", claims[0].DotNet, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OnAQuietEnoughMachine_DecidesTheCpuClaims()
    {
        var claims = ClaimVerdicts.Evaluate(Evidence() with { PrimesPool = PrimesPool with { Load = new MachineLoad(0.9, 4, 45) } });

        Assert.Equal(ClaimVerdict.HoldsOnlyUnderGil, claims[0].Verdict); // below 0.5 per core (1 on 2 cores)
    }

    [Fact]
    public void Evaluate_ProcessesStillGainingPastTheCores_StopsHelpingDoesNotHold()
    {
        var oversubscription = Done(Cell("sequential", 1, 1), Cell("processes", 2, 1.5), Cell("processes", 4, 1.9), Cell("processes", 8, 1.9));

        var claims = ClaimVerdicts.Evaluate(Evidence() with { Oversubscription = oversubscription });

        Assert.Equal(ClaimVerdict.DoesNotHold, claims[5].Verdict);
        Assert.Equal(ClaimVerdict.DoesNotHold, claims[6].Verdict);
    }

    [Fact]
    public void Evaluate_CrashThatLeftThePoolShort_DoesNotHold()
    {
        var claims = ClaimVerdicts.Evaluate(Evidence() with { Crash = new(ExperimentStatus.Succeeded, null, [], null, CrashOf(refilled: false)) });

        Assert.Equal(ClaimVerdict.DoesNotHold, claims[7].Verdict);
        Assert.Contains("pool not refilled", claims[7].DotNet, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_RendersOneRowPerClaim_WithTheVerdictsAndTheMachine()
    {
        var claims = ClaimVerdicts.Evaluate(Evidence());
        var report = new ClaimsReportView(
            Guid.Empty, PresetSize.Default, ExperimentStatus.Succeeded, new ExperimentProgress(1, 1), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            new MachineInfo(2, "Test | CPU", "Linux", ".NET 10"), [new ClaimsExperiment("crash", Guid.Empty, ExperimentStatus.Succeeded, "/x", null, new MachineLoad(1.2, 3, 10), 0)], claims, ["crash: A busy machine: test."], ClaimsLinks.For(Guid.Empty));

        var markdown = ClaimsMarkdown.Render(report);

        var rows = markdown.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).TakeWhile(l => !l.StartsWith("| preset", StringComparison.Ordinal)).ToList();
        Assert.Equal(1 + claims.Count, rows.Count); // the header and one row per claim
        Assert.Contains("**holds only under a GIL**", markdown, StringComparison.Ordinal);
        Assert.Contains("2 logical cores (Test | CPU)", markdown, StringComparison.Ordinal);
        Assert.Contains("Release build, no worker found", markdown, StringComparison.Ordinal);
        Assert.Contains("- crash: A busy machine: test.", markdown, StringComparison.Ordinal);
        Assert.Contains("| `crash` | succeeded | 1.2 / 3 | 0 | /x | - |", markdown, StringComparison.Ordinal);
        Assert.All(rows, r => Assert.Equal(6, r.Replace("\\|", string.Empty, StringComparison.Ordinal).Count(ch => ch == '|')));
    }

    private static ClaimsEvidence Evidence() => new(2, PrimesPool, SqrtPerCore, StartCost, Sleeps, Oversubscription, Crash);

    private static PresetEvidence Done(params CellView[] cells) => new(ExperimentStatus.Succeeded, null, cells, null, null);

    private static CellView Cell(string executor, int workers, double speedup, double wallMs = 10, int tasks = 1) =>
        new(executor, workers, tasks, 1, wallMs, null, null, null, speedup, speedup / workers, new Spread(wallMs, wallMs, null, null), [wallMs], null, workers, null, null, null, []);

    private static StartCost Cost(double ms) => new(100, ms, ms, ms, ms);

    private static CrashView CrashOf(bool refilled) =>
        new(4, 8, 3, "worker process 42 exited with code 3", 7, 7, true, null, 1, refilled, [41, 42], [41, 43], FollowUpSucceeded: true, "not run");
}
