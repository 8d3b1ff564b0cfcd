using Hangfire;
using Hangfire.Server;
using Hangfire.States;

namespace ConcurrencyService.Core.Queue;

/// <summary>
/// The method Hangfire invokes for every entry: thin, it hands the ticket to its handler, then records the outcome
/// as the entry's final state. A failed run becomes <c>Failed</c> with its reason and a cancelled one <c>Deleted</c>,
/// set here rather than by throwing, so nothing is retried and the history reads Processing → Failed, not a
/// succeeded run turned failed. Hangfire's own move to <c>Succeeded</c> then finds the entry no longer processing
/// and leaves it. A released run (its node is stopping, the storage shared) throws the stop, so Hangfire puts the
/// entry back on its queue at once for another node.
/// </summary>
public sealed class QueuedRun<TTicket>(IQueueHandler<TTicket> handler, IBackgroundJobClient client)
    where TTicket : IQueueTicket
{
    [TicketDisplayName]
    public async Task RunAsync(TTicket ticket, PerformContext? context, CancellationToken cancellationToken)
    {
        var outcome = await handler.RunAsync(ticket, context?.BackgroundJob.Id, cancellationToken);
        if (outcome.Kind == RunOutcomeKind.Released)
        {
            throw new OperationCanceledException(outcome.Reason, cancellationToken);
        }

        IState? final = outcome.Kind switch
        {
            RunOutcomeKind.Failed => new FailedState(new RunFailedException(outcome.Reason ?? "The run failed.")) { Reason = outcome.Reason },
            RunOutcomeKind.Cancelled => new DeletedState { Reason = outcome.Reason },
            _ => null,
        };
        if (final is not null && context is not null)
        {
            client.ChangeState(context.BackgroundJob.Id, final, ProcessingState.StateName);
        }
    }
}
