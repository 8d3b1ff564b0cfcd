namespace ConcurrencyService.Core.Jobs;

/// <summary>Where a job is in its life. The last four are final.</summary>
public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
    TimedOut,
}

public static class JobStatusExtensions
{
    public static bool IsFinal(this JobStatus status) => status is not (JobStatus.Queued or JobStatus.Running);
}
