namespace ConcurrencyService.Load.Statistics;

/// <summary>
/// What one iteration came to. Latencies are measured from the iteration's start — in the open model its
/// <em>intended</em> start, so time spent waiting behind an overloaded service is counted, not hidden.
/// </summary>
/// <param name="Submit">Start → the submission's response (job scenarios); null when nothing was submitted.</param>
/// <param name="EndToEnd">Start → the iteration's end (the job final, or the response for raw HTTP).</param>
/// <param name="StatusCode">The HTTP status of the submission (or of the request, for raw HTTP); null when none came.</param>
/// <param name="Failure">Why it failed (a status code, a job status, an exception type); null when it succeeded.</param>
/// <param name="Requests">HTTP requests the iteration made.</param>
public sealed record IterationResult(TimeSpan? Submit, TimeSpan EndToEnd, int? StatusCode, string? Failure, int Requests)
{
    /// <summary>An example message for the failure (reasons are grouped by <see cref="Failure"/>; messages vary per job).</summary>
    public string? FailureDetail { get; init; }

    /// <summary>The server's queue wait for the job (submitted → first task started), when it reported one.</summary>
    public TimeSpan? ServerQueueWait { get; init; }

    /// <summary>The server's run time for the job (first task started → finished), when it reported one.</summary>
    public TimeSpan? ServerRunTime { get; init; }

    /// <summary>The node (base address) the iteration ran against; null when none was reached (e.g. a fake scenario).</summary>
    public string? Node { get; init; }

    public bool Ok => Failure is null;
}
