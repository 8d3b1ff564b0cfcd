namespace ConcurrencyService.Workloads.Execution;

/// <summary>One dedicated worker thread of a <see cref="ThreadWorkerPool"/> and what it is doing.</summary>
public sealed class ThreadWorker(string name)
{
    private long _tasksStarted;
    private volatile bool _busy;
    private volatile bool _abandoned;
    private volatile object? _currentPiece;

    public string Name { get; } = name;

    /// <summary>The kernel's id of the worker's thread, once it has started.</summary>
    public long? ThreadId { get; internal set; }

    /// <summary>True while the thread executes code; false while it waits for work (an awaited IO wait leaves it idle).</summary>
    public bool Busy
    {
        get => _busy;
        internal set => _busy = value;
    }

    /// <summary>
    /// Given up on: it runs a piece that ignored its cancellation. A fresh worker took its place in the pool; this thread
    /// exits as soon as that piece lets go of it.
    /// </summary>
    public bool Abandoned
    {
        get => _abandoned;
        internal set => _abandoned = value;
    }

    public long TasksStarted => Interlocked.Read(ref _tasksStarted);

    /// <summary>The piece whose code this thread is executing right now, or null (see <see cref="ThreadWorkerPool.EnterPiece"/>).</summary>
    internal object? CurrentPiece
    {
        get => _currentPiece;
        set => _currentPiece = value;
    }

    internal Thread? Thread { get; set; }

    public void CountTaskStarted() => Interlocked.Increment(ref _tasksStarted);
}
