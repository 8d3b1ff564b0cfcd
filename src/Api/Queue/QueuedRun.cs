namespace ConcurrencyService.Api.Queue;

/// <summary>
/// The method Hangfire invokes for every entry: thin, it hands the ticket to its handler. Succeeded runs return null
/// so nothing is stored as their result; other outcomes become the entry's state through <see cref="OutcomeStateFilter"/>.
/// </summary>
public sealed class QueuedRun<TTicket>(IQueueHandler<TTicket> handler)
    where TTicket : IQueueTicket
{
    [TicketDisplayName]
    public async Task<RunOutcome?> RunAsync(TTicket ticket, CancellationToken cancellationToken)
    {
        var outcome = await handler.RunAsync(ticket, cancellationToken);
        return outcome.Kind == RunOutcomeKind.Succeeded ? null : outcome;
    }
}
