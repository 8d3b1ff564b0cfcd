namespace ConcurrencyService.WorkerHost.Processes;

/// <summary>A worker process could not be started or did not say it was ready in time.</summary>
public sealed class WorkerStartException : Exception
{
    public WorkerStartException()
    {
    }

    public WorkerStartException(string message)
        : base(message)
    {
    }

    public WorkerStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
