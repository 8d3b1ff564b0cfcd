namespace ConcurrencyService.Api.Queue;

/// <summary>
/// Runs what a ticket points at when the queue hands it to a worker. Implemented by the layer that owns the records
/// (jobs, experiments), so the queue never reaches up into them.
/// </summary>
public interface IQueueHandler<in TTicket>
    where TTicket : IQueueTicket
{
    /// <param name="cancellationToken">Fires when the service shuts down or the queue entry is removed (deleted).</param>
    Task<RunOutcome> RunAsync(TTicket ticket, CancellationToken cancellationToken);
}
