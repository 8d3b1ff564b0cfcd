namespace ConcurrencyService.Workloads.Execution;

/// <summary>
/// The thread workers' queue: FIFO, and an idle worker sleeps on a monitor without spinning first. A spinning wait
/// (BlockingCollection's SemaphoreSlim) would burn the cores the workloads are being measured on each time the
/// queue runs dry — on two cores, a measurable share of what a trivial job costs.
/// </summary>
internal sealed class WorkQueue<T>
    where T : class
{
    private readonly Queue<T> _items = new();
    private readonly object _gate = new();
    private int _sleeping;
    private bool _completed;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    public bool IsCompleted
    {
        get
        {
            lock (_gate)
            {
                return _completed;
            }
        }
    }

    /// <summary>Queues the item; false once <see cref="Complete"/> was called.</summary>
    public bool TryAdd(T item)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return false;
            }

            _items.Enqueue(item);
            if (_sleeping > 0)
            {
                Monitor.Pulse(_gate);
            }

            return true;
        }
    }

    /// <summary>Takes the next item, sleeping while there is none; false when completed and empty.</summary>
    public bool TryTake(out T? item)
    {
        lock (_gate)
        {
            while (_items.Count == 0)
            {
                if (_completed)
                {
                    item = null;
                    return false;
                }

                _sleeping++;
                Monitor.Wait(_gate);
                _sleeping--;
            }

            item = _items.Dequeue();
            return true;
        }
    }

    /// <summary>Takes no more items; sleeping takers wake and, once the queue is empty, stop.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    public T[] ToArray()
    {
        lock (_gate)
        {
            return [.. _items];
        }
    }
}
