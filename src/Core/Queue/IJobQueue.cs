namespace ConcurrencyService.Core.Queue;

/// <summary>
/// The service's one queue (Hangfire): puts a ticket on its queue and takes a queued or running one off. Whoever
/// enqueues knows only this; the storage behind it is chosen by <see cref="Storage.StorageOptions"/>.
/// </summary>
public interface IJobQueue
{
    /// <summary>Queues the ticket on the queue its kind names. Returns the queue's own id for the entry.</summary>
    string Enqueue<TTicket>(TTicket ticket)
        where TTicket : IQueueTicket;

    /// <summary>
    /// Takes an entry off the queue (Hangfire: moves it to <c>Deleted</c>), so it does not start, or, when it is running,
    /// so its run is told to stop. False when the entry had already finished.
    /// </summary>
    bool Remove(string queueJobId, string reason);

    /// <summary>True when the entry was taken off the queue (deleted: a cancel, or the dashboard), as opposed to handed to another worker.</summary>
    bool WasRemoved(string queueJobId);
}
