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

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.CompleteAdding();
        foreach (var worker in _workers)
        {
            worker.Thread?.Join(TimeSpan.FromSeconds(5));
        }

        _queue.Dispose();
    }

    protected override void QueueTask(Task task) => _queue.Add(task);

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
