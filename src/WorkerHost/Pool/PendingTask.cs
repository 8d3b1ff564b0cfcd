using ConcurrencyService.Workloads.Protocol;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.WorkerHost.Pool;

/// <summary>
/// A task between submission and result. Exactly one side wins it: a slot taking it to run, or its cancellation
/// dropping it while it still waits (then it ends NotStarted without ever reaching a worker). A task queued ahead in a
/// worker that then died is given back (<see cref="Release"/>) and waits again.
/// </summary>
/// <remarks>
/// The start notice goes out only if the task is still running <see cref="TaskStartedMessage.NoticeDelay"/> after it
/// started (a one-shot timer, cancelled by the result). A result that beats the timer carries the start itself, so a
/// quick task costs the API one frame and one wake-up instead of two. The notice and the result are ordered by one
/// lock: a notice being sent holds back the result until it is out, and after the result no notice is sent.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The notice timer is disposed by the task itself when its result comes (Complete): a pending task ends once, and nothing outside owns it.")]
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
    private readonly Lock _noticeLock = new();
    private TaskStartedMessage? _notice;
    private Timer? _noticeTimer;
    private Action<Exception>? _noticeFailed;
    private bool _ended;
    private int _state;

    public PendingTask(RunTaskMessage message, Action<TaskStartedMessage> started, Action dropped, CancellationToken cancellationToken)
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

    /// <summary>The task started: its notice goes out after the notice delay unless its result comes first.</summary>
    /// <param name="failed">Told when the notice's callback throws (it then runs on a timer thread, not the caller's).</param>
    public void NotifyStarted(TaskStartedMessage started, Action<Exception> failed)
    {
        ArgumentNullException.ThrowIfNull(started);
        lock (_noticeLock)
        {
            if (_ended || _notice is not null)
            {
                return;
            }

            _notice = started;
            _noticeTimer = new Timer(static state => ((PendingTask)state!).SendNotice(), this, TaskStartedMessage.NoticeDelay, Timeout.InfiniteTimeSpan);
            _noticeFailed = failed;
        }
    }

    public void Complete(TaskCompletedMessage result)
    {
        lock (_noticeLock)
        {
            _ended = true;
            _notice = null;
            _noticeTimer?.Dispose();
        }

        _completion.TrySetResult(result);
        _dropOnCancel.Dispose();
    }

    private void SendNotice()
    {
        lock (_noticeLock)
        {
            if (_notice is not { } notice)
            {
                return; // the result came first and carries the start
            }

            _notice = null;
            try
            {
                _started(notice);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _noticeFailed?.Invoke(ex);
            }
        }
    }
}
