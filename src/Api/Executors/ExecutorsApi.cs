using ConcurrencyService.Api.OpenApi;
using ConcurrencyService.Core.Executors;
using ConcurrencyService.Core.Executors.Processes;
using ConcurrencyService.Core.Jobs;
using ConcurrencyService.Core.Queue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Api.Executors;

/// <summary><c>/api/executors</c>: each executor's workers, queue and job counts.</summary>
public static class ExecutorsApi
{
    public static RouteGroupBuilder MapExecutorsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/executors").WithTag("Executors", "The executors: their workers, queues and counts.");
        group.MapGet("/", GetExecutors)
            .WithName("GetExecutors")
            .WithSummary("Describe the executors")
            .WithDescription("For each executor: whether it is available, its workers (process and OS thread ids, busy or idle, tasks started), " +
                "its queue depth and capacity, and how many of its jobs succeeded, failed, were cancelled or timed out since start-up.");
        return group;
    }

    private static async Task<Ok<IReadOnlyList<ExecutorInfo>>> GetExecutors(
        ExecutorRegistry registry, JobCounters statistics, IJobStore store, IOptions<QueueOptions> queue, CancellationToken cancellationToken)
    {
        var executors = new List<ExecutorInfo>();
        foreach (var kind in Enum.GetValues<ExecutorKind>())
        {
            executors.Add(await DescribeAsync(kind, registry, statistics, await store.CountAsync(JobStatus.Queued, kind, cancellationToken), queue.Value, cancellationToken));
        }

        return TypedResults.Ok<IReadOnlyList<ExecutorInfo>>(executors);
    }

    internal static async Task<ExecutorInfo> DescribeAsync(
        ExecutorKind kind, ExecutorRegistry registry, JobCounters statistics, int queued, QueueOptions queue, CancellationToken cancellationToken)
    {
        var counters = statistics.For(kind);
        var workers = registry.TryGet(kind, out var executor)
            ? await executor.DescribeWorkersAsync(cancellationToken)
            : new ExecutorWorkers(registry.Offers(kind)
                ? "Runs on the nodes with workers, not on this one (Node:Workers is false)."
                : $"Not enabled on this server ({ProcessesExecutorOptions.Section}:Enabled is false).", [], 0);
        return new ExecutorInfo(
            kind,
            executor is not null,
            workers.Description,
            workers.Workers.Count(w => w.State != WorkerState.Abandoned),
            workers.Workers.Count(w => w.State == WorkerState.Busy),
            workers.Workers,
            queued,
            queue.Capacity,
            workers.PendingTasks,
            counters.Running,
            counters.Succeeded,
            counters.Failed,
            counters.Cancelled,
            counters.TimedOut)
        {
            Problem = workers.Problem,
            Pool = workers.Pool,
            AbandonedWorkers = workers.AbandonedWorkers,
        };
    }
}
