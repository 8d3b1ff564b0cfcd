using Hangfire.Common;
using Hangfire.States;

namespace ConcurrencyService.Core.Queue;

/// <summary>
/// Keeps an entry on its own queue when it is enqueued again: Hangfire's dashboard "Requeue" (and any state change made
/// without a queue) enqueues to <c>default</c>, which no server of this service reads, so the entry would wait there for
/// ever. The ticket knows its queue; an enqueue to <c>default</c> goes there instead.
/// </summary>
public sealed class OwnQueueFilter : IElectStateFilter
{
    public void OnStateElection(ElectStateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CandidateState is EnqueuedState { Queue: EnqueuedState.DefaultQueue } enqueued
            && context.BackgroundJob.Job?.Args is [IQueueTicket ticket, ..])
        {
            enqueued.Queue = ticket.QueueName();
        }
    }
}
