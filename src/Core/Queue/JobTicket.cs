using System.Globalization;
using ConcurrencyService.Core.Executors;

namespace ConcurrencyService.Core.Queue;

/// <summary>Run job <paramref name="JobId"/>: its workload and fan-out ride along only so the dashboard can name it.</summary>
public sealed record JobTicket(Guid JobId, ExecutorKind Executor, string Workload, int Tasks) : IQueueTicket
{
    public string QueueName() => QueueNames.For(Executor);

    public string DisplayName() => string.Create(CultureInfo.InvariantCulture, $"{Workload} ×{Tasks} on {QueueNames.For(Executor)}");
}
