using System.Diagnostics;
using ConcurrencyService.Load.Models;
using ConcurrencyService.Load.Running;

namespace ConcurrencyService.Load.Tests;

[Collection(TimingSensitive.Name)]
public sealed class ScenarioRunTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OpenModel_StartsEveryIterationAtItsScheduledTime_AndTimesItFromThen()
    {
        var scenario = new FakeScenario(TimeSpan.Zero);
        var run = new ScenarioRun(scenario, Profile(new OpenModel(Rate: 50, Duration: TimeSpan.FromSeconds(1), Ramp: TimeSpan.Zero, MaxInFlight: 100)));

        var statistics = await run.RunAsync(CancellationToken.None);

        // 50/s for 1 s: iterations 0..49, due exactly 20 ms apart however late the dispatcher woke up.
        Assert.Equal(50, statistics.Ok);
        var starts = scenario.StartTimestamps.Order().ToList();
        var gaps = starts.Zip(starts.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b).TotalMilliseconds);
        Assert.All(gaps, gap => Assert.Equal(20, gap, 0.01));
    }

    [Fact]
    public async Task OpenModel_DropsIterationsDueWhileTheInFlightCapIsReached_InsteadOfDelayingThem()
    {
        var scenario = new FakeScenario(TimeSpan.FromMilliseconds(350));
        var run = new ScenarioRun(scenario, Profile(new OpenModel(Rate: 10, Duration: TimeSpan.FromSeconds(1), Ramp: TimeSpan.Zero, MaxInFlight: 1)));

        var statistics = await run.RunAsync(CancellationToken.None);

        // 10 due 100 ms apart, each running 350 ms: never more than one at a time, and some dropped rather than delayed.
        // How many fit in the second depends on how promptly the dispatcher and the timers wake, so no count is asserted.
        Assert.Equal(10, statistics.Ok + statistics.Failed + statistics.Dropped);
        Assert.Equal(1, scenario.MostAtOnce);
        Assert.True(statistics.Dropped >= 1, $"{statistics.Ok} ran, none dropped");
        Assert.True(statistics.Ok >= 1);
        Assert.Equal(statistics.Ok, scenario.Runs);
        Assert.Equal(10, statistics.Timeline.Sum(p => p.Started + p.Dropped));
    }

    [Fact]
    public async Task OpenModel_WithRamp_SchedulesTheIntegralOfTheRate()
    {
        var scenario = new FakeScenario(TimeSpan.Zero);
        var run = new ScenarioRun(scenario, Profile(new OpenModel(Rate: 40, Duration: TimeSpan.FromSeconds(1), Ramp: TimeSpan.FromSeconds(1), MaxInFlight: 100)));

        var statistics = await run.RunAsync(CancellationToken.None);

        Assert.Equal(20, statistics.Ok); // 0 → 40/s over 1 s
    }

    [Fact]
    public async Task WarmUpIterations_RunButAreNotCounted()
    {
        var scenario = new FakeScenario(TimeSpan.FromMilliseconds(10));
        var profile = Profile(new ClosedModel(Users: 2, Duration: TimeSpan.FromMilliseconds(400), Ramp: TimeSpan.Zero)) with { Warmup = TimeSpan.FromMilliseconds(400) };

        var statistics = await new ScenarioRun(scenario, profile).RunAsync(CancellationToken.None);

        // Some fifty fit in each part; one uncounted run shows the warm-up ran, without depending on how many fitted.
        Assert.True(statistics.Ok > 0);
        Assert.True(scenario.Runs > statistics.Ok, $"{scenario.Runs} runs, {statistics.Ok} counted");
        Assert.Equal(0.4, statistics.MeasuredSeconds);
    }

    [Fact]
    public async Task IterationsRunningAtTheEnd_FinishWithinGrace_AndAreCounted()
    {
        var scenario = new FakeScenario(TimeSpan.FromMilliseconds(600));
        var run = new ScenarioRun(scenario, Profile(new ClosedModel(Users: 3, Duration: TimeSpan.FromMilliseconds(300), Ramp: TimeSpan.Zero)));

        var statistics = await run.RunAsync(CancellationToken.None);

        // Each user runs one iteration (however late its loop started), which outlasts the 300 ms run: all counted, none cut off.
        Assert.Equal(3, scenario.Runs);
        Assert.Equal(3, statistics.Ok);
        Assert.Equal(0, statistics.Failed);
        Assert.True(statistics.EndToEnd.Min >= TimerTick.AtLeastMs(600), $"min {statistics.EndToEnd.Min} ms");
    }

    [Fact]
    public async Task IterationsRunningPastTheGracePeriod_AreCutOffAndCountedAsFailed()
    {
        // Each user runs at least one iteration even if its loop reached the thread pool after the end, so there is
        // always something to cut off.
        var scenario = new FakeScenario(Timeout.InfiniteTimeSpan);
        var profile = Profile(new ClosedModel(Users: 2, Duration: TimeSpan.FromMilliseconds(300), Ramp: TimeSpan.Zero)) with { Grace = TimeSpan.FromMilliseconds(100) };

        var statistics = await new ScenarioRun(scenario, profile).RunAsync(CancellationToken.None);

        Assert.Equal(0, statistics.Ok);
        Assert.Equal(2, scenario.Runs);
        var failure = Assert.Single(statistics.Failures);
        Assert.Equal(("cut off after the grace period", 2L), (failure.Reason, failure.Count));
    }

    [Fact]
    public async Task ClosedModel_AUserWhoseLoopStartsAfterTheEnd_StillRunsOneIteration()
    {
        // A ramp longer than the run stands in for a busy thread pool: the second user joins at 500 ms, after the 200 ms
        // end. The first user's one 300 ms iteration outlasts the run.
        var scenario = new FakeScenario(TimeSpan.FromMilliseconds(300));
        var model = new ClosedModel(Users: 2, Duration: TimeSpan.FromMilliseconds(200), Ramp: TimeSpan.FromSeconds(1));

        var statistics = await new ScenarioRun(scenario, Profile(model)).RunAsync(CancellationToken.None);

        Assert.Equal(2, scenario.Runs);
        Assert.Equal(2, statistics.Ok);
    }

    [Fact]
    public async Task ClosedModel_WithMinIterations_GoesOnPastItsDurationUntilThatManyFinished()
    {
        var scenario = new FakeScenario(TimeSpan.FromMilliseconds(30));
        var model = new ClosedModel(Users: 1, Duration: TimeSpan.FromMilliseconds(50), Ramp: TimeSpan.Zero) { MinIterations = 10, MaxDuration = Long };

        var statistics = await new ScenarioRun(scenario, Profile(model)).RunAsync(CancellationToken.None);

        // One user, one 30 ms iteration after another: the window holds the ten it counted, so their rate is true.
        Assert.True(statistics.Ok >= 10, $"{statistics.Ok} counted");
        Assert.Equal(0, statistics.Failed);
        Assert.True(statistics.MeasuredSeconds >= 10 * TimerTick.AtLeast(TimeSpan.FromMilliseconds(30)).TotalSeconds, $"{statistics.MeasuredSeconds} s");
    }

    [Fact]
    public async Task ClosedModel_WithMinIterations_StopsWaitingAtItsMaxDuration()
    {
        var scenario = new FakeScenario(Timeout.InfiniteTimeSpan);
        var model = new ClosedModel(Users: 1, Duration: TimeSpan.FromMilliseconds(50), Ramp: TimeSpan.Zero) { MinIterations = 10, MaxDuration = TimeSpan.FromMilliseconds(300) };

        var statistics = await new ScenarioRun(scenario, Profile(model) with { Grace = TimeSpan.FromMilliseconds(100) }).RunAsync(CancellationToken.None);

        Assert.Equal(0, statistics.Ok);
        Assert.True(statistics.MeasuredSeconds >= 0.3, $"{statistics.MeasuredSeconds} s"); // measured on the precise clock against itself
        var failure = Assert.Single(statistics.Failures);
        Assert.Equal(("cut off after the grace period", 1L), (failure.Reason, failure.Count));
    }

    [Fact]
    public async Task AnIterationPastItsTimeout_FailsAsTimedOut()
    {
        var scenario = new FakeScenario(Timeout.InfiniteTimeSpan);
        var profile = Profile(new IterationsModel(Iterations: 2, Concurrency: 2)) with { IterationTimeout = TimeSpan.FromMilliseconds(100) };

        var statistics = await new ScenarioRun(scenario, profile).RunAsync(CancellationToken.None);

        Assert.Equal(2, statistics.Failed);
        Assert.Equal("iteration timeout", Assert.Single(statistics.Failures).Reason);
    }

    [Fact]
    public async Task AnIterationThatThrows_IsAFailureNamedByItsException()
    {
        var scenario = new FakeScenario(_ => throw new HttpRequestException("Connection refused"));
        var statistics = await new ScenarioRun(scenario, Profile(new IterationsModel(3, 1))).RunAsync(CancellationToken.None);

        var failure = Assert.Single(statistics.Failures);
        Assert.Equal(("HttpRequestException", 3L, "Connection refused"), (failure.Reason, failure.Count, failure.Example));
        Assert.Equal(100, statistics.FailRatePercent);
    }

    [Fact]
    public async Task IterationsModel_RunsExactlyTheMeasuredCount_PlusWarmUp()
    {
        var scenario = new FakeScenario(TimeSpan.FromMilliseconds(2));
        var profile = Profile(new IterationsModel(Iterations: 25, Concurrency: 3)) with { Warmup = TimeSpan.FromMilliseconds(100) };

        var statistics = await new ScenarioRun(scenario, profile).RunAsync(CancellationToken.None);

        Assert.Equal(25, statistics.Ok);
        Assert.True(scenario.Runs >= 25); // plus however many fitted in the warm-up
        Assert.True(statistics.MeasuredSeconds > 0);
    }

    private static LoadProfile Profile(LoadModel model) => new(model, TimeSpan.Zero, Long, Long);
}
