using ConcurrencyService.Experiments.Advice;

namespace ConcurrencyService.Api.Tests.Advice;

/// <summary>The decision rule on processes' gain over threads (threads' wall ÷ processes'), at the 1.1× margin.</summary>
public sealed class DecisionTests
{
    [Theory]
    [InlineData(1.9, 1.8, 2.0, Choice.Processes, Doubts.None)]
    [InlineData(1.15, 1.11, 1.2, Choice.Processes, Doubts.None)]
    [InlineData(0.6, 0.55, 0.65, Choice.Threads, Doubts.None)]
    [InlineData(1.0, 0.95, 1.05, Choice.Either, Doubts.None)]
    [InlineData(1.0, 0.92, 1.1, Choice.Either, Doubts.None)]
    [InlineData(1.05, 0.98, 1.3, Choice.Inconclusive, Doubts.WideIntervals)] // could be equal, could be 30% faster
    [InlineData(1.15, 1.05, 1.25, Choice.Inconclusive, Doubts.WideIntervals)] // faster, but maybe by less than the margin
    [InlineData(1.0, 0.5, 2.0, Choice.Inconclusive, Doubts.WideIntervals)]
    public void TheWholeIntervalMustClearTheMargin(double value, double low, double high, Choice choice, Doubts raised) =>
        Assert.Equal((choice, raised), Recommender.Decide(new Estimate(value, low, high)));

    [Fact]
    public void NoInterval_IsTooFewRuns() =>
        Assert.Equal((Choice.Inconclusive, Doubts.TooFewRuns), Recommender.Decide(new Estimate(3.0, null, null)));
}
