namespace ConcurrencyService.Api.Queue;

/// <summary>Run experiment <paramref name="ExperimentId"/>; its title rides along for the dashboard.</summary>
public sealed record ExperimentTicket(Guid ExperimentId, string Title) : IQueueTicket
{
    public string QueueName() => QueueNames.Experiments;

    public string DisplayName() => $"experiment: {Title}";
}
