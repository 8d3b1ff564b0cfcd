using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Workloads.Execution;

/// <summary>
/// A <see cref="TaskScheduler"/> backed by a fixed number of dedicated threads: the "thread workers". Code started
/// on it, and every continuation after an <c>await</c> in that code, runs on one of these threads. CPU work
/// therefore runs in parallel up to the worker count, while an awaited IO wait holds no thread at all: the
/// worker goes back to the queue and the continuation is queued when the wait completes. A worker held by a piece
/// that ignores its cancellation can be abandoned (<see cref="Abandon"/>): a fresh thread takes its place, so the pool
/// keeps its size.
/// </summary>
public sealed class ThreadWorkerPool : TaskScheduler, IDisposable
{
    [ThreadStatic]
    private static ThreadWorker? t_current;

    // Tells each worker which piece's code it is executing: the value flows with the piece's async flow, and the
    // runtime calls back on every thread the flow enters or leaves.
    private static readonly AsyncLocal<object?> s_piece = new(static change =>
    {
        if (t_current is { } worker)
        {
            worker.CurrentPiece = change.CurrentValue;
        }
    });

    private readonly WorkQueue<Task> _queue = new();
    private readonly string _namePrefix;
    private readonly Lock _workersLock = new();
    private ThreadWorker[] _workers = [];
    private ThreadWorker[] _abandoned = [];
    private int _created;
    private long _abandonedTotal;

    public ThreadWorkerPool(int workerCount, string namePrefix)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workerCount, 1);
        _namePrefix = namePrefix;
        lock (_workersLock)
        {
            // A loop, not Enumerable.Range(…).Select: a worker process starts this pool, and each generic LINQ
            // iterator it touches is JIT-compiled at start-up (ReadyToRun has no code for them).
            var workers = new ThreadWorker[workerCount];
            for (var i = 0; i < workers.Length; i++)
            {
                workers[i] = StartWorker();
            }

            _workers = workers;
        }
    }

    /// <summary>The worker the calling thread is, or null when called from elsewhere.</summary>
    public static ThreadWorker? CurrentWorker => t_current;

    /// <summary>The pool's live workers (abandoned ones excluded).</summary>
    public IReadOnlyList<ThreadWorker> Workers => Volatile.Read(ref _workers);

    /// <summary>Abandoned workers whose thread is still held by the piece that ignored its cancellation.</summary>
    public IReadOnlyList<ThreadWorker> AbandonedWorkers => Volatile.Read(ref _abandoned);

    /// <summary>Workers abandoned since the pool started.</summary>
    public long AbandonedTotal => Interlocked.Read(ref _abandonedTotal);

    /// <summary>Work items (task starts and continuations) waiting for a worker.</summary>
    public int Pending => _queue.Count;

    public override int MaximumConcurrencyLevel => Workers.Count;

    /// <summary>
    /// Marks the calling async flow as running <paramref name="piece"/>, so that <see cref="Abandon"/> can find the
    /// worker threads executing it. The mark ends with the async method that set it.
    /// </summary>
    public static void EnterPiece(object piece) => s_piece.Value = piece;

    /// <summary>
    /// Gives up on every worker now executing <paramref name="piece"/>: each is replaced by a fresh worker and exits once
    /// the piece returns control. Returns how many were abandoned; 0 when the piece holds no thread (it is awaiting).
    /// </summary>
    public int Abandon(object piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        lock (_workersLock)
        {
            var holding = _workers.Where(w => ReferenceEquals(w.CurrentPiece, piece)).ToArray();
            if (holding.Length == 0 || _queue.IsCompleted)
            {
                return 0;
            }

            foreach (var worker in holding)
            {
                worker.Abandoned = true;
            }

            _workers = [.. _workers.Except(holding), .. holding.Select(_ => StartWorker())];
            _abandoned = [.. _abandoned, .. holding];
            Interlocked.Add(ref _abandonedTotal, holding.Length);
            return holding.Length;
        }
    }

    public void Dispose() => Stop(TimeSpan.FromSeconds(5));

    /// <summary>
    /// Takes no more work and waits up to <paramref name="grace"/> for the workers to finish what they run.
    /// A task that ignores cancellation can outlive the grace: its worker then finishes it and exits, and the work
    /// it schedules meanwhile runs on the shared thread pool instead of being lost.
    /// </summary>
    /// <returns>Whether every worker had exited within the grace.</returns>
    public bool Stop(TimeSpan grace)
    {
        _queue.Complete();
        var started = MonotonicClock.Timestamp;
        var stopped = true;
        ThreadWorker[] workers;
        lock (_workersLock)
        {
            workers = _workers;
        }

        foreach (var worker in workers)
        {
            if (worker.Thread == Thread.CurrentThread)
            {
                // Stopped from one of its own workers (code that awaited a task on this pool continues inline on its
                // thread): that worker exits when the caller returns to it; it cannot wait for itself.
                stopped = false;
                continue;
            }

            var left = grace - MonotonicClock.Since(started);
            stopped &= worker.Thread?.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero) ?? true;
        }

        return stopped;
    }

    protected override void QueueTask(Task task)
    {
        if (!_queue.TryAdd(task))
        {
            // Stopped: a continuation of work that outlived the stop. Run it elsewhere rather than throw into
            // whoever completed the awaited operation.
            ThreadPool.UnsafeQueueUserWorkItem(static state => state.Pool.TryExecuteTask(state.Task), (Pool: this, Task: task), preferLocal: false);
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        t_current is { Abandoned: false } worker && Workers.Contains(worker) && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    // Called under _workersLock.
    private ThreadWorker StartWorker()
    {
        var worker = new ThreadWorker($"{_namePrefix}-{++_created}");
        var thread = new Thread(() => Work(worker)) { IsBackground = true, Name = worker.Name };
        worker.Thread = thread;
        thread.Start();
        return worker;
    }

    private void Work(ThreadWorker worker)
    {
        t_current = worker;
        worker.ThreadId = OsThread.CurrentId;
        try
        {
            while (_queue.TryTake(out var task))
            {
                worker.Busy = true;
                TryExecuteTask(task!);
                worker.Busy = false;
                if (worker.Abandoned)
                {
                    return; // its place was taken by a fresh worker
                }
            }
        }
        finally
        {
            if (worker.Abandoned)
            {
                lock (_workersLock)
                {
                    _abandoned = [.. _abandoned.Where(w => w != worker)];
                }
            }
        }
    }
}
