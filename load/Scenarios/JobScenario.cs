using System.Diagnostics;
using ConcurrencyService.Load.Driver;
using ConcurrencyService.Load.Statistics;

namespace ConcurrencyService.Load.Scenarios;

/// <summary>
/// An iteration submits a job to the next node, then long-polls that node until the job is final. Submit and end-to-end
/// latency are recorded apart.
/// </summary>
public sealed class JobScenario(ScenarioSettings settings, ServiceNodes nodes) : IScenario
{
    // The server answers a long-poll as soon as the job finishes; this bound only limits how long one request stays open.
    private const int LongPollMs = 20_000;

    public ScenarioSettings Settings => settings;

    public async Task<IterationResult> RunAsync(long startTimestamp, CancellationToken cancellationToken)
    {
        var node = nodes.Next();
        var driver = node.Driver;
        var submit = await driver.SubmitJobAsync(settings.Workload!, settings.Parameters, settings.Executor!, settings.Tasks, cancellationToken);
        var submitted = Stopwatch.GetElapsedTime(startTimestamp);
        if (submit.JobId is not { } id)
        {
            return new IterationResult(submitted, submitted, submit.StatusCode, $"submit {submit.StatusCode}", 1) { FailureDetail = submit.Problem, Node = node.Name };
        }

        var requests = 1;
        JobPoll poll;
        do
        {
            poll = await driver.WaitForJobAsync(id, LongPollMs, cancellationToken);
            requests++;
        }
        while (!poll.IsFinal);

        var finished = Stopwatch.GetElapsedTime(startTimestamp);
        return poll.Succeeded
            ? new IterationResult(submitted, finished, submit.StatusCode, null, requests)
            {
                ServerQueueWait = Ms(poll.QueueWaitMs),
                ServerRunTime = Ms(poll.RunTimeMs),
                Node = node.Name,
            }
            : new IterationResult(submitted, finished, submit.StatusCode, $"job {poll.Status}" + (poll.ErrorCode is null ? "" : $" ({poll.ErrorCode})"), requests)
            {
                FailureDetail = poll.Error,
                Node = node.Name,
            };
    }

    private static TimeSpan? Ms(double? milliseconds) => milliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
}
