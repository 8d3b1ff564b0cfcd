namespace ConcurrencyService.Workloads.Execution;

/// <summary>One dedicated worker thread of a <see cref="ThreadWorkerPool"/> and what it is doing.</summary>
public sealed class ThreadWorker(string name)
{
    private long _tasksStarted;
    private volatile bool _busy;

    public string Name { get; } = name;

    /// <summary>The kernel's id of the worker's thread, once it has started.</summary>
    public long? ThreadId { get; internal set; }

    /// <summary>True while the thread executes code; false while it waits for work (an awaited IO wait leaves it idle).</summary>
    public bool Busy
    {
        get => _busy;
        internal set => _busy = value;
    }

    public long TasksStarted => Interlocked.Read(ref _tasksStarted);

    internal Thread? Thread { get; set; }

    public void CountTaskStarted() => Interlocked.Increment(ref _tasksStarted);
}
