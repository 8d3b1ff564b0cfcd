using ConcurrencyService.Api.Jobs;
using ConcurrencyService.Contracts;
using MassTransit;

namespace ConcurrencyService.Api.Queue;

/// <summary>
/// Takes a job off its executor's queue and runs it to the end before the message is acknowledged, so a
/// durable transport redelivers a job whose instance died mid-run.
/// </summary>
public sealed class RunJobConsumer(JobRunner runner) : IConsumer<RunJob>
{
    public Task Consume(ConsumeContext<RunJob> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return runner.RunAsync(context.Message.JobId, context.CancellationToken);
    }
}
