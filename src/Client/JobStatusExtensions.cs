namespace ConcurrencyService.Client;

/// <summary>Helpers for <see cref="JobStatus"/>.</summary>
public static class JobStatusExtensions
{
    /// <summary>Whether a job in this status has ended and will not change again.</summary>
    /// <param name="status">The status.</param>
    /// <returns>True for succeeded, failed, cancelled and timed out.</returns>
    public static bool IsFinal(this JobStatus status) =>
        status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled or JobStatus.TimedOut;
}
