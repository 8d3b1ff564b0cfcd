namespace ConcurrencyService.Load.Driver;

/// <summary>The answer to a submission: the job id when accepted (202), else the status and the problem's text.</summary>
public sealed record SubmitOutcome(Guid? JobId, int StatusCode, string? Problem);

/// <summary>A job as one poll found it. <paramref name="Status"/> is the API's camelCase status, e.g. <c>succeeded</c>.</summary>
/// <param name="Error">The job's error when it did not succeed: its code and message.</param>
/// <param name="QueueWaitMs">The server's own timing: submitted → first task started (<c>timings.queueWaitMs</c>).</param>
/// <param name="RunTimeMs">The server's own timing: first task started → finished (<c>timings.runTimeMs</c>).</param>
public sealed record JobPoll(string Status, string? ErrorCode, string? Error, double? QueueWaitMs = null, double? RunTimeMs = null)
{
    public bool IsFinal => Status is not ("queued" or "running");

    public bool Succeeded => Status == "succeeded";
}

/// <summary>One executor as the service describes it.</summary>
public sealed record ExecutorWorkers(string Name, bool Available, int Workers);

/// <summary>The service answered a call with a status it should not have.</summary>
public sealed class ServiceCallException(string call, int statusCode, string? problem)
    : Exception($"{call}: {statusCode}{(problem is null ? "" : $" {problem}")}")
{
    public string Call { get; } = call;

    public int StatusCode { get; } = statusCode;
}
