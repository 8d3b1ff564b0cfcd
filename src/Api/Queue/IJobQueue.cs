using ConcurrencyService.Contracts;

namespace ConcurrencyService.Api.Queue;

/// <summary>Sends jobs to their executor's queue. MassTransit's in-memory transport by default; RabbitMQ for scale-out.</summary>
public interface IJobQueue
{
    Task EnqueueAsync(RunJob command, CancellationToken cancellationToken);
}
