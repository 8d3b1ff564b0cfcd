using ConcurrencyService.Load.Statistics;

namespace ConcurrencyService.Load.Tests;

public sealed class ScenarioRecorderTests
{
    [Fact]
    public void Summarize_CountsOutcomesStatusCodesAndRates()
    {
        var recorder = new ScenarioRecorder();
        for (var i = 0; i < 8; i++)
        {
            recorder.Started(TimeSpan.FromSeconds(i / 4.0));
            var result = new IterationResult(TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(100 + i), 202, null, 2)
            {
                ServerQueueWait = TimeSpan.FromMilliseconds(1),
                ServerRunTime = TimeSpan.FromMilliseconds(90),
            };
            recorder.Finished(result, TimeSpan.FromSeconds(i / 4.0));
        }

        recorder.Finished(new IterationResult(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1), 429, "submit 429", 1) { FailureDetail = "The queue is full." }, TimeSpan.FromSeconds(1.5));
        recorder.Drop(TimeSpan.FromSeconds(1.9));

        var s = recorder.Summarize(TimeSpan.FromSeconds(2));

        Assert.Equal((8L, 1L, 1L), (s.Ok, s.Failed, s.Dropped));
        Assert.Equal(4, s.OkPerSecond);
        Assert.Equal(8.5, s.RequestsPerSecond);
        Assert.Equal(20, s.FailRatePercent);
        Assert.Equal(new Dictionary<int, long> { [202] = 8, [429] = 1 }, s.StatusCodes);
        Assert.Equal(new FailureCount("submit 429", 1, "The queue is full."), Assert.Single(s.Failures));
        Assert.Equal(9, s.Submit.Count); // every submission that got an answer
        Assert.Equal(8, s.EndToEnd.Count); // ok iterations only
        Assert.Equal(100, s.EndToEnd.Min);
        Assert.Equal((8L, 90.0, 1.0), (s.ServerRunTime.Count, s.ServerRunTime.P99, s.ServerQueueWait.Max));
    }

    [Fact]
    public void Timeline_HasOneEntryPerSecond_WithThatSecondsCountsAndPercentiles()
    {
        var recorder = new ScenarioRecorder();
        recorder.Started(TimeSpan.FromSeconds(0.1));
        recorder.Finished(new IterationResult(null, TimeSpan.FromMilliseconds(50), 200, null, 1), TimeSpan.FromSeconds(0.2));
        recorder.Started(TimeSpan.FromSeconds(2.5));
        recorder.Finished(new IterationResult(null, TimeSpan.FromMilliseconds(900), 200, null, 1), TimeSpan.FromSeconds(3.4));

        var timeline = recorder.Summarize(TimeSpan.FromSeconds(3)).Timeline;

        Assert.Equal([0, 1, 2, 3], timeline.Select(p => p.Second));
        Assert.Equal([1L, 0, 1, 0], timeline.Select(p => p.Started));
        Assert.Equal([1L, 0, 0, 1], timeline.Select(p => p.Ok));
        Assert.InRange(timeline[3].P99, 900, 909);
    }

    [Fact]
    public void Summarize_OverSeveralNodes_GivesEachNodesShare_AndOverOneNodeNone()
    {
        var spread = new ScenarioRecorder();
        var single = new ScenarioRecorder();
        for (var i = 0; i < 9; i++)
        {
            var node = i % 3 == 2 ? "http://b:5080" : "http://a:5080";
            var failure = i == 4 ? "submit 503" : null;
            spread.Finished(new IterationResult(null, TimeSpan.FromMilliseconds(10 * (i + 1)), 202, failure, 2) { Node = node }, TimeSpan.Zero);
            single.Finished(new IterationResult(null, TimeSpan.FromMilliseconds(10), 202, null, 2) { Node = "http://a:5080" }, TimeSpan.Zero);
        }

        var nodes = spread.Summarize(TimeSpan.FromSeconds(2)).Nodes!;

        Assert.Equal(["http://a:5080", "http://b:5080"], nodes.Select(n => n.Node));
        Assert.Equal((5L, 1L, 2.5), (nodes[0].Ok, nodes[0].Failed, nodes[0].OkPerSecond));
        Assert.Equal((3L, 0L, 1.5), (nodes[1].Ok, nodes[1].Failed, nodes[1].OkPerSecond));
        Assert.Equal((30.0, 90.0), (nodes[1].EndToEnd.Min, nodes[1].EndToEnd.Max));
        Assert.InRange(nodes[1].EndToEnd.P50, 60, 60.1); // within the histogram's precision
        Assert.Null(single.Summarize(TimeSpan.FromSeconds(2)).Nodes);
    }

    [Fact]
    public void ManyDistinctFailureReasons_AreCappedIntoOneOtherRow()
    {
        var recorder = new ScenarioRecorder();
        for (var i = 0; i < 60; i++)
        {
            recorder.Finished(new IterationResult(null, TimeSpan.Zero, null, $"reason {i}", 0), TimeSpan.Zero);
        }

        var failures = recorder.Summarize(TimeSpan.FromSeconds(1)).Failures;
        Assert.Equal(51, failures.Count);
        Assert.Equal(10, failures.Single(f => f.Reason == "(other failures)").Count);
    }
}
