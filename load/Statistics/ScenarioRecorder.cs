namespace ConcurrencyService.Load.Statistics;

/// <summary>
/// Collects the measured iterations of one scenario in one step. Offsets are from the start of measurement (the end
/// of warm-up); iterations started during warm-up are never given to it. Thread-safe.
/// </summary>
public sealed class ScenarioRecorder
{
    private const int MaxDistinctFailures = 50;
    private const string OtherFailures = "(other failures)";

    private readonly Lock _lock = new();
    private readonly LatencyHistogram _submit = new();
    private readonly LatencyHistogram _endToEnd = new();
    private readonly LatencyHistogram _serverQueueWait = new();
    private readonly LatencyHistogram _serverRunTime = new();
    private readonly Dictionary<int, long> _statusCodes = [];
    private readonly Dictionary<string, FailureCount> _failures = new(StringComparer.Ordinal);
    private readonly List<TimelineSecond> _timeline = [];
    private readonly Dictionary<string, NodeTally> _nodes = new(StringComparer.Ordinal);
    private long _ok;
    private long _failed;
    private long _dropped;
    private long _requests;

    public long Ok => Interlocked.Read(ref _ok);

    public long Failed => Interlocked.Read(ref _failed);

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Started(TimeSpan at)
    {
        lock (_lock)
        {
            Second(at).Started++;
        }
    }

    /// <summary>An open-model iteration that could not start because too many were in flight.</summary>
    public void Drop(TimeSpan at)
    {
        lock (_lock)
        {
            _dropped++;
            Second(at).Dropped++;
        }
    }

    public void Finished(IterationResult result, TimeSpan at)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_lock)
        {
            _requests += result.Requests;
            var second = Second(at);
            if (result.StatusCode is { } code)
            {
                _statusCodes[code] = _statusCodes.GetValueOrDefault(code) + 1;
            }

            if (result.Submit is { } submit)
            {
                _submit.Record(submit);
            }

            var node = result.Node is null ? null : Node(result.Node);

            if (result.Failure is { } failure)
            {
                _failed++;
                second.Failed++;
                if (node is not null)
                {
                    node.Failed++;
                }

                var key = _failures.ContainsKey(failure) || _failures.Count < MaxDistinctFailures ? failure : OtherFailures;
                _failures[key] = _failures.TryGetValue(key, out var seen) ? seen with { Count = seen.Count + 1 } : new(key, 1, result.FailureDetail);
                return;
            }

            _ok++;
            second.Ok++;
            _endToEnd.Record(result.EndToEnd);
            if (node is not null)
            {
                node.Ok++;
                node.Latency.Record(result.EndToEnd);
            }

            if (result.ServerQueueWait is { } queueWait)
            {
                _serverQueueWait.Record(queueWait);
            }

            if (result.ServerRunTime is { } runTime)
            {
                _serverRunTime.Record(runTime);
            }

            second.Latency.Record(result.EndToEnd);
        }
    }

    /// <summary>The statistics over <paramref name="measured"/>, the time the rates are divided by.</summary>
    public ScenarioStatistics Summarize(TimeSpan measured)
    {
        lock (_lock)
        {
            var seconds = Math.Max(measured.TotalSeconds, 1e-9);
            return new ScenarioStatistics(
                _ok,
                _failed,
                _dropped,
                Math.Round(measured.TotalSeconds, 3),
                Math.Round(_ok / seconds, 2),
                Math.Round(_requests / seconds, 2),
                _submit.Summarize(),
                _endToEnd.Summarize(),
                _statusCodes.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => p.Value),
                [.. _failures.Values.OrderByDescending(f => f.Count).ThenBy(f => f.Reason, StringComparer.Ordinal)],
                [.. _timeline.Select((s, i) => s.ToPoint(i))])
            {
                ServerQueueWait = _serverQueueWait.Summarize(),
                ServerRunTime = _serverRunTime.Summarize(),
                // One node is the whole run: its share would repeat the totals.
                Nodes = _nodes.Count < 2
                    ? null
                    : [.. _nodes.Select(n => new NodeStatistics(n.Key, n.Value.Ok, n.Value.Failed, Math.Round(n.Value.Ok / seconds, 2), n.Value.Latency.Summarize()))],
            };
        }
    }

    private NodeTally Node(string name)
    {
        if (!_nodes.TryGetValue(name, out var tally))
        {
            _nodes[name] = tally = new NodeTally();
        }

        return tally;
    }

    private TimelineSecond Second(TimeSpan at)
    {
        var index = Math.Max(0, (int)at.TotalSeconds);
        while (_timeline.Count <= index)
        {
            _timeline.Add(new TimelineSecond());
        }

        return _timeline[index];
    }

    private sealed class NodeTally
    {
        public long Ok { get; set; }

        public long Failed { get; set; }

        public LatencyHistogram Latency { get; } = new();
    }

    private sealed class TimelineSecond
    {
        public long Started { get; set; }

        public long Ok { get; set; }

        public long Failed { get; set; }

        public long Dropped { get; set; }

        // Two significant digits: a second's percentiles need less precision than the run's, and there are many seconds.
        public LatencyHistogram Latency { get; } = new(significantDigits: 2);

        public TimelinePoint ToPoint(int second) => new(
            second, Started, Ok, Failed, Dropped, Latency.PercentileMicros(50) / 1000.0, Latency.PercentileMicros(99) / 1000.0);
    }
}
