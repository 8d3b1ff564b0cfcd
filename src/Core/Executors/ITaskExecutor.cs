namespace ConcurrencyService.Core.Executors;

/// <summary>
/// Runs one task (piece) of a job on a worker. Never throws for what the workload does: failures,
/// cancellations and tasks that never started come back as a <see cref="TaskOutcome"/>.
/// </summary>
public interface ITaskExecutor
{
    ExecutorKind Kind { get; }

    /// <param name="piece">What to run.</param>
    /// <param name="started">Called once, on the worker, at the moment the task starts, with that instant and the worker.</param>
    /// <param name="cancellationToken">
    /// Cancels a queued task before it starts, or a running one. The outcome comes back promptly even when the task's
    /// code ignores the request: the executor then gives up on the worker (kills a process, replaces a thread).
    /// </param>
    Task<TaskOutcome> RunAsync(TaskPiece piece, Action<TaskStart> started, CancellationToken cancellationToken);

    /// <summary>The executor's workers and how many tasks wait for one.</summary>
    ValueTask<ExecutorWorkers> DescribeWorkersAsync(CancellationToken cancellationToken);
}
