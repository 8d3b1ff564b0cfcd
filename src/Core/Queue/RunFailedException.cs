namespace ConcurrencyService.Core.Queue;

/// <summary>What Hangfire's <c>Failed</c> state shows for a run whose outcome was a failure. Never thrown: it only carries the reason.</summary>
public sealed class RunFailedException : Exception
{
    public RunFailedException()
    {
    }

    public RunFailedException(string message)
        : base(message)
    {
    }

    public RunFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
