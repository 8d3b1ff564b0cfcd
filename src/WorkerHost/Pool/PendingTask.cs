using ConcurrencyService.Workloads.Protocol;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.WorkerHost.Pool;

/// <summary>
/// A task between submission and result. Exactly one side wins it: a slot taking it to run, or its cancellation
/// dropping it while it still waits (then it ends NotStarted without ever reaching a worker). A task queued ahead in a
/// worker that then died is given back (<see cref="Release"/>) and waits again.
/// </summary>
public sealed class PendingTask
{
    private const int Waiting = 0;
    private const int Taken = 1;
    private const int Dropped = 2;

    // Continuations run on the completing thread (a worker's output thread, mostly): the API connection's only
    // continuation writes the result to its socket, and a hop to the thread pool here cost more than the write.
    private readonly TaskCompletionSource<TaskCompletedMessage> _completion = new();
    private readonly Action<TaskStartedMessage> _started;
    private readonly long _enqueuedAt = MonotonicClock.Timestamp;
    private readonly CancellationTokenRegistration _dropOnCancel;
    private int _state;

    public PendingTask(RunTaskMessage message, Action<TaskStartedMessage> started, CancellationToken cancellationToken, Action dropped)
    {
        Message = message ?? throw new ArgumentNullException(nameof(message));
        _started = started ?? throw new ArgumentNullException(nameof(started));
        CancellationToken = cancellationToken;
        _dropOnCancel = cancellationToken.Register(() =>
        {
            if (Interlocked.CompareExchange(ref _state, Dropped, Waiting) == Waiting)
            {
                dropped();
                Complete(TaskResults.NotStarted(Message, Waited, "cancelled while waiting for a free worker"));
            }
        });
    }

    public RunTaskMessage Message { get; }

    public CancellationToken CancellationToken { get; }

    public Task<TaskCompletedMessage> Completion => _completion.Task;

    /// <summary>Time since submission: while waiting, how long it has waited; once taken, frozen by the slot as HostQueueMs.</summary>
    public TimeSpan Waited => MonotonicClock.Since(_enqueuedAt);

    /// <summary>Claims the task for a slot; false if its cancellation dropped it first.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Waiting) == Waiting;

    /// <summary>Gives a taken task back (its worker ended before starting it), so it can wait and be taken again.</summary>
    public bool Release() => Interlocked.CompareExchange(ref _state, Waiting, Taken) == Taken;

    public void NotifyStarted(TaskStartedMessage started) => _started(started);

    public void Complete(TaskCompletedMessage result)
    {
        _completion.TrySetResult(result);
        _dropOnCancel.Dispose();
    }
}
