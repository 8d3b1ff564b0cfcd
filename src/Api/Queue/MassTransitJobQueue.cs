using System.Collections.Concurrent;
using ConcurrencyService.Api.Jobs;
using ConcurrencyService.Contracts;
using MassTransit;

namespace ConcurrencyService.Api.Queue;

/// <summary>Sends <see cref="RunJob"/> to the executor's queue on the MassTransit bus.</summary>
public sealed class MassTransitJobQueue(IBus bus) : IJobQueue
{
    private readonly ConcurrentDictionary<string, Task<ISendEndpoint>> _endpoints = new();

    public async Task EnqueueAsync(RunJob command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var queue = QueueOptions.QueueName(Enum.Parse<ExecutorKind>(command.Executor, ignoreCase: true));
        var endpoint = await _endpoints.GetOrAdd(queue, q => bus.GetSendEndpoint(new Uri($"queue:{q}")));
        await endpoint.Send(command, cancellationToken);
    }
}
