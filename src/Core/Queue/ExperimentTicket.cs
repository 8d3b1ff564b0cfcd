namespace ConcurrencyService.Core.Queue;

/// <summary>Run experiment <paramref name="ExperimentId"/> from <paramref name="Queue"/>; its title rides along for the dashboard.</summary>
public sealed record ExperimentTicket(Guid ExperimentId, string Title, string Queue) : IQueueTicket
{
    public string QueueName() => Queue;

    public string DisplayName() => $"experiment: {Title}";
}
