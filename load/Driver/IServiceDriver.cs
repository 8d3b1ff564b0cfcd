namespace ConcurrencyService.Load.Driver;

/// <summary>
/// Every call the load runner makes to the service, in one place, so the transport (a hand-written HTTP client today,
/// the generated SDK tomorrow) can change without touching scenarios or statistics. Calls that reach the service and
/// get an unexpected answer throw <see cref="ServiceCallException"/>; a refused submission is an answer, not an error.
/// </summary>
public interface IServiceDriver
{
    /// <summary>Submits a job; <paramref name="executor"/> is <c>threads</c> or <c>processes</c>.</summary>
    Task<SubmitOutcome> SubmitJobAsync(string workload, IReadOnlyDictionary<string, object> parameters, string executor, int tasks, CancellationToken cancellationToken);

    /// <summary>One long-poll: answers when the job finishes or after <paramref name="waitMs"/>, whichever comes first.</summary>
    Task<JobPoll> WaitForJobAsync(Guid jobId, int waitMs, CancellationToken cancellationToken);

    /// <summary>Each executor's availability and worker count.</summary>
    Task<IReadOnlyList<ExecutorWorkers>> GetExecutorsAsync(CancellationToken cancellationToken);

    /// <summary>The names of the workloads the service offers: its built-ins and its plugins'.</summary>
    Task<IReadOnlyList<string>> GetWorkloadNamesAsync(CancellationToken cancellationToken);

    /// <summary>Whether the service is ready (<c>/health/ready</c>): its bus and its worker processes are up.</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken);
}
