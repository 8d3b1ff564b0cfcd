namespace ConcurrencyService.Experiments;

/// <summary>Where an experiment (or a claims run) is in its life. The last three are final.</summary>
public enum ExperimentStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

public static class ExperimentStatusExtensions
{
    public static bool IsFinal(this ExperimentStatus status) => status is not (ExperimentStatus.Queued or ExperimentStatus.Running);
}
