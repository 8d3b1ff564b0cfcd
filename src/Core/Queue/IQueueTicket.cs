namespace ConcurrencyService.Core.Queue;

/// <summary>
/// A queue entry's argument: a small immutable record of ids and names, never a request body. The record it points at
/// holds everything else.
/// </summary>
public interface IQueueTicket
{
    /// <summary>The queue the ticket goes on (<see cref="QueueNames"/>).</summary>
    string QueueName();

    /// <summary>How the ticket reads in Hangfire's dashboard, e.g. <c>cpu.primes ×4 on threads</c>.</summary>
    string DisplayName();
}
