using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace ConcurrencyService.Core.Queue;

/// <summary><see cref="IJobQueue"/> on Hangfire: each ticket is a fire-and-forget job on its own queue, run by <see cref="QueuedRun{TTicket}"/>.</summary>
public sealed class HangfireJobQueue(IBackgroundJobClient client, JobStorage storage) : IJobQueue
{
    public string Enqueue<TTicket>(TTicket ticket)
        where TTicket : IQueueTicket
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return client.Create(Job.FromExpression<QueuedRun<TTicket>>(r => r.RunAsync(ticket, null, CancellationToken.None)), new EnqueuedState(ticket.QueueName()));
    }

    public bool Remove(string queueJobId, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueJobId);
        // Only from a state that has not ended: a job that finished meanwhile keeps its final state.
        return client.ChangeState(queueJobId, new DeletedState { Reason = reason }, EnqueuedState.StateName)
            || client.ChangeState(queueJobId, new DeletedState { Reason = reason }, ProcessingState.StateName);
    }

    public bool WasRemoved(string queueJobId)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueJobId);
        using var connection = storage.GetConnection();
        return connection.GetStateData(queueJobId)?.Name == DeletedState.StateName;
    }
}
