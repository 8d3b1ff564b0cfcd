using System.Collections.Concurrent;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Workloads.Execution;

/// <summary>
/// A <see cref="TaskScheduler"/> backed by a fixed set of dedicated threads: the "thread workers". Code started
/// on it, and every continuation after an <c>await</c> in that code, runs on one of these threads. CPU work
/// therefore runs in parallel up to the worker count, while an awaited IO wait holds no thread at all: the
/// worker goes back to the queue and the continuation is queued when the wait completes.
/// </summary>
public sealed class ThreadWorkerPool : TaskScheduler, IDisposable
{
    [ThreadStatic]
    private static ThreadWorker? t_current;

    private readonly BlockingCollection<Task> _queue = new(new ConcurrentQueue<Task>());
    private readonly ThreadWorker[] _workers;
    private int _disposed;

    public ThreadWorkerPool(int workerCount, string namePrefix)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workerCount, 1);
        _workers = [.. Enumerable.Range(1, workerCount).Select(i => new ThreadWorker($"{namePrefix}-{i}"))];
        foreach (var worker in _workers)
        {
            var thread = new Thread(() => Work(worker)) { IsBackground = true, Name = worker.Name };
            worker.Thread = thread;
            thread.Start();
        }
    }

    /// <summary>The worker the calling thread is, or null when called from elsewhere.</summary>
    public static ThreadWorker? CurrentWorker => t_current;

    public IReadOnlyList<ThreadWorker> Workers => _workers;

    /// <summary>Work items (task starts and continuations) waiting for a worker.</summary>
    public int Pending => _queue.Count;

    public override int MaximumConcurrencyLevel => _workers.Length;

    public void Dispose() => Stop(TimeSpan.FromSeconds(5));

    /// <summary>
    /// Takes no more work and waits up to <paramref name="grace"/> for the workers to finish what they run.
    /// A task that ignores cancellation can outlive the grace: its worker then finishes it and exits, and the work
    /// it schedules meanwhile runs on the shared thread pool instead of being lost.
    /// </summary>
    /// <returns>Whether every worker had exited within the grace.</returns>
    public bool Stop(TimeSpan grace)
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return true;
        }

        _queue.CompleteAdding();
        var started = MonotonicClock.Timestamp;
        var stopped = true;
        foreach (var worker in _workers)
        {
            var left = grace - MonotonicClock.Since(started);
            stopped &= worker.Thread?.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero) ?? true;
        }

        // A worker still running would next touch the queue; disposing it under that worker crashes the process.
        if (stopped && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _queue.Dispose();
        }

        return stopped;
    }

    protected override void QueueTask(Task task)
    {
        try
        {
            _queue.Add(task);
        }
        catch (InvalidOperationException) when (_queue.IsAddingCompleted)
        {
            // Stopped: a continuation of work that outlived the stop. Run it elsewhere rather than throw into
            // whoever completed the awaited operation.
            ThreadPool.UnsafeQueueUserWorkItem(static state => state.Pool.TryExecuteTask(state.Task), (Pool: this, Task: task), preferLocal: false);
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        t_current is { } worker && _workers.Contains(worker) && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Work(ThreadWorker worker)
    {
        t_current = worker;
        worker.ThreadId = OsThread.CurrentId;
        foreach (var task in _queue.GetConsumingEnumerable())
        {
            worker.Busy = true;
            TryExecuteTask(task);
            worker.Busy = false;
        }
    }
}
