using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace ConcurrencyService.WorkerHost.Pool;

/// <summary>Tasks waiting for a free worker, first come first served. Slots pull; a dropped (cancelled) entry is skipped.</summary>
public sealed class TaskQueue
{
    // Synchronous continuations: a waiting slot takes the task on the submitting thread instead of after a thread-pool hop.
    private readonly Channel<PendingTask> _channel = Channel.CreateUnbounded<PendingTask>(new UnboundedChannelOptions { AllowSynchronousContinuations = true });
    private int _waiting;
    private int _idleTakers;

    /// <summary>Tasks still waiting (not taken, not dropped).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>False once the queue is closed (the host is stopping).</summary>
    public bool TryEnqueue(PendingTask task)
    {
        Interlocked.Increment(ref _waiting);
        if (_channel.Writer.TryWrite(task))
        {
            return true;
        }

        Interlocked.Decrement(ref _waiting);
        return false;
    }

    /// <summary>
    /// Puts back a task that was taken but never started (queued ahead in a worker that ended first), at the back:
    /// false once the queue is closed. A task cancelled meanwhile is completed NotStarted here.
    /// </summary>
    public bool TryReturn(PendingTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.CancellationToken.IsCancellationRequested || !task.Release())
        {
            // Its cancellation fired while it was taken, so it will not drop it now: end it here.
            task.Complete(TaskResults.NotStarted(task.Message, task.Waited, "cancelled while waiting for a free worker"));
            return true;
        }

        return TryEnqueue(task);
    }

    /// <summary>
    /// Takes a task to queue ahead in a busy worker, unless a slot is waiting for one: a task must never wait behind
    /// another worker's running task while a worker is free.
    /// </summary>
    public bool TryTakeAhead([NotNullWhen(true)] out PendingTask? task)
    {
        task = null;
        return Volatile.Read(ref _idleTakers) == 0 && TryTake(out task);
    }

    public bool TryTake([NotNullWhen(true)] out PendingTask? task)
    {
        while (_channel.Reader.TryRead(out task))
        {
            if (task.TryTake())
            {
                Interlocked.Decrement(ref _waiting);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Takes the next task, waiting for one if need be; null if <paramref name="unlessFirst"/> completes before a task
    /// comes (a slot's idle process dying). Throws <see cref="OperationCanceledException"/> once the queue is closed.
    /// </summary>
    public async Task<PendingTask?> TakeAsync(Task? unlessFirst, CancellationToken cancellationToken)
    {
        PendingTask? task;
        Interlocked.Increment(ref _idleTakers);
        try
        {
            while (!TryTake(out task))
            {
                var wait = _channel.Reader.WaitToReadAsync(cancellationToken).AsTask();
                if (unlessFirst is not null && await Task.WhenAny(wait, unlessFirst) != wait)
                {
                    return null;
                }

                if (!await wait)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new OperationCanceledException("The task queue was closed.", cancellationToken);
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _idleTakers);
        }

        return task;
    }

    /// <summary>Called when a waiting task's cancellation dropped it.</summary>
    public void OnDropped() => Interlocked.Decrement(ref _waiting);

    /// <summary>Closes the queue and hands back whatever still waits.</summary>
    public IReadOnlyList<PendingTask> Close()
    {
        _channel.Writer.TryComplete();
        var left = new List<PendingTask>();
        while (TryTake(out var task))
        {
            left.Add(task);
        }

        return left;
    }
}
