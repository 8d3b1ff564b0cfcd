namespace ConcurrencyService.Core.Queue;

/// <summary>
/// Runs what a ticket points at when the queue hands it to a worker. Implemented by the layer that owns the records
/// (jobs, experiments), so the queue never reaches up into them.
/// </summary>
public interface IQueueHandler<in TTicket>
    where TTicket : IQueueTicket
{
    /// <param name="queueJobId">The queue's own id of the entry being run (Hangfire's job id).</param>
    /// <param name="cancellationToken">Fires when the service shuts down, the queue entry is removed (deleted), or the queue hands it to another worker.</param>
    Task<RunOutcome> RunAsync(TTicket ticket, string? queueJobId, CancellationToken cancellationToken);
}
