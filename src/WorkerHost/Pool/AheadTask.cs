using ConcurrencyService.WorkerHost.Processes;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.WorkerHost.Pool;

/// <summary>
/// A task sent into a worker's pipe while the worker runs another, so it starts the moment that one ends, without a
/// round of wake-ups through the host. It has not started until then: exactly one of three things happens to it —
/// the slot starts it when the task before it ends, a cancel withdraws it (NotStarted, the worker asked to skip it),
/// or its worker ends first and the slot returns it to the queue for another worker.
/// </summary>
public sealed class AheadTask
{
    private const int Queued = 0;
    private const int Started = 1;
    private const int Withdrawn = 2;

    private readonly CancellationTokenRegistration _cancel;
    private int _state;

    public AheadTask(PendingTask task, WorkerProcess process)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(process);
        Task = task;
        Sent = process.RunAsync(task.Message);
        _cancel = task.CancellationToken.Register(() =>
        {
            if (Interlocked.CompareExchange(ref _state, Withdrawn, Queued) == Queued)
            {
                process.Skip(task.Message.TaskId);
                task.Complete(TaskResults.NotStarted(task.Message, task.Waited, "cancelled before its worker process started it"));
            }
        });
    }

    public PendingTask Task { get; }

    /// <summary>The worker's answer: its result once it has run, NotStarted if it skipped it, null if it died first.</summary>
    public Task<TaskCompletedMessage?> Sent { get; }

    /// <summary>
    /// A cancel withdrew it and the worker confirmed the skip: the worker writes that answer before the result of the
    /// task it was running, so it is known by the time the slot handles that result. Otherwise the worker may be running it.
    /// </summary>
    public bool SkipConfirmed => Sent.IsCompleted;

    /// <summary>The task before it has ended: true if this one now counts as started, false if a cancel withdrew it first.</summary>
    public bool TryStart() => Settle(Started);

    /// <summary>Its worker ended before starting it: true if the caller now owns it (to queue again), false if a cancel completed it.</summary>
    public bool TryWithdraw() => Settle(Withdrawn);

    private bool Settle(int state)
    {
        var won = Interlocked.CompareExchange(ref _state, state, Queued) == Queued;
        _cancel.Dispose();
        return won;
    }
}
