using ConcurrencyService.Load.Models;

namespace ConcurrencyService.Load.Tests;

public sealed class OpenScheduleTests
{
    [Fact]
    public void WithoutRamp_IterationIIsDueAtIOverRate()
    {
        var schedule = new OpenSchedule(Rate: 20, Ramp: TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, schedule.StartOf(0));
        Assert.Equal(TimeSpan.FromMilliseconds(50), schedule.StartOf(1));
        Assert.Equal(TimeSpan.FromSeconds(10), schedule.StartOf(200));
    }

    [Fact]
    public void WithoutRamp_ADurationHoldsRateTimesDurationIterations()
    {
        var schedule = new OpenSchedule(Rate: 37, Ramp: TimeSpan.Zero);
        var due = Enumerable.Range(0, 10_000).Select(i => schedule.StartOf(i)).TakeWhile(t => t < TimeSpan.FromSeconds(3)).Count();
        Assert.Equal(111, due);
    }

    [Fact]
    public void WithRamp_TheRateRisesLinearlyThenHolds()
    {
        // 0 → 100/s over 4 s: 200 iterations during the ramp (the triangle), then 100 per second.
        var schedule = new OpenSchedule(Rate: 100, Ramp: TimeSpan.FromSeconds(4));
        Assert.Equal(200, schedule.ArrivalsBy(TimeSpan.FromSeconds(4)), 9);
        Assert.Equal(50, schedule.ArrivalsBy(TimeSpan.FromSeconds(2)), 9);
        Assert.Equal(400, schedule.ArrivalsBy(TimeSpan.FromSeconds(6)), 9);
        Assert.Equal(4, schedule.StartOf(200).TotalSeconds, 9);
        Assert.Equal(2, schedule.StartOf(50).TotalSeconds, 9);
        Assert.Equal(6, schedule.StartOf(400).TotalSeconds, 9);
    }

    [Fact]
    public void StartOf_IsTheInverseOfArrivalsBy_AndNeverGoesBack()
    {
        var schedule = new OpenSchedule(Rate: 250, Ramp: TimeSpan.FromSeconds(3));
        var previous = TimeSpan.MinValue;
        for (var i = 0; i < 2_000; i++)
        {
            var at = schedule.StartOf(i);
            Assert.True(at >= previous);
            Assert.Equal(i, schedule.ArrivalsBy(at), 3); // TimeSpan holds 100 ns ticks
            previous = at;
        }
    }

    [Fact]
    public void ClosedRamp_AddsUsersEvenlyOverTheRamp()
    {
        var model = new ClosedModel(Users: 4, Duration: TimeSpan.FromSeconds(10), Ramp: TimeSpan.FromSeconds(8));
        Assert.Equal([0, 2, 4, 6], Enumerable.Range(0, 4).Select(u => model.UserStart(u).TotalSeconds));
        Assert.Equal(TimeSpan.Zero, (model with { Ramp = TimeSpan.Zero }).UserStart(3));
    }
}
