using System.Collections.Concurrent;
using System.Net.Sockets;
using ConcurrencyService.WorkerHost.Pool;
using ConcurrencyService.Workloads.Protocol;
using Microsoft.Extensions.Logging;

namespace ConcurrencyService.WorkerHost.Api;

/// <summary>
/// One API connection: many tasks in flight at once, each with its own cancellation; results go back in the order
/// they finish. Closing the connection cancels everything it submitted (waiting tasks are dropped, running ones killed).
/// </summary>
/// <remarks>
/// Frames are read by a dedicated thread with blocking reads and written synchronously by whichever thread has the
/// news: a task goes from this socket to a worker's pipe on the reader thread, and its result from the worker's
/// output thread straight to this socket, with no thread-pool hop between (measured: the async version spent most of
/// a warm round trip in hand-offs between pool threads on 2 busy cores).
/// </remarks>
public sealed class ApiConnection(Socket socket, ITaskDispatcher dispatcher, HostHello hello, ILogger logger) : IAsyncDisposable
{
    private readonly NetworkStream _stream = new(socket, ownsSocket: true);

    // One frame is one write; the lock keeps frames from interleaving.
    private readonly Lock _writeLock = new();
    // The tasks in flight, by id, with what cancels each.
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _tasks = new();
    private readonly CancellationTokenSource _closed = new();
    private readonly TaskCompletionSource<Exception?> _readerEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task RunAsync(CancellationToken stopping)
    {
        // Host shutdown ends the blocking reader by shutting the socket down.
        await using (stopping.Register(() => Shutdown()))
        {
            Send(FrameType.Hello, hello);
            FramePump.Start(_stream, "api connection", Dispatch, error => _readerEnded.TrySetResult(error));
            if (await _readerEnded.Task is { } error)
            {
                logger.LogDebug("API connection ended: {Message}", error.Message);
            }
        }

        // Cancel what this connection submitted and wait for it to end: dropped at once, or its worker killed.
        await _closed.CancelAsync();
        while (!_tasks.IsEmpty)
        {
            await Task.Delay(10, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _closed.Dispose();
    }

    // On the reader thread. A protocol violation (a frame that does not decode) ends the connection.
    private void Dispatch(Frame frame)
    {
        switch (frame.Type)
        {
            case FrameType.RunTask:
                Start(frame.Read<RunTaskMessage>());
                break;
            case FrameType.CancelTask:
                Cancel(frame.Read<CancelTaskMessage>().TaskId);
                break;
            case FrameType.Describe:
                var request = frame.Read<DescribeRequest>();
                Send(FrameType.PoolState, new PoolStateMessage(request.RequestId, dispatcher.Describe()));
                break;
            default:
                logger.LogWarning("Ignoring an unexpected {Type} frame from the API", frame.Type);
                break;
        }
    }

    private void Start(RunTaskMessage task)
    {
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(_closed.Token);
        if (!_tasks.TryAdd(task.TaskId, cancel))
        {
            cancel.Dispose();
            logger.LogWarning("Ignoring task {TaskId}: a task with that id is already running on this connection", task.TaskId);
            return;
        }

        // TaskStarted, if the task runs long enough to get one, is sent before TaskCompleted (PendingTask orders them).
        _ = dispatcher.RunAsync(task, s => Send(FrameType.TaskStarted, s), cancel.Token).ContinueWith(
            (done, state) => Finish((RunTaskMessage)state!, done.Result),
            task,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Finish(RunTaskMessage task, TaskCompletedMessage result)
    {
        Send(FrameType.TaskCompleted, result);
        if (_tasks.TryRemove(task.TaskId, out var cancel))
        {
            cancel.Dispose();
        }
    }

    private void Cancel(long taskId)
    {
        try
        {
            if (_tasks.TryGetValue(taskId, out var cancel))
            {
                cancel.Cancel();
            }
        }
        catch (ObjectDisposedException)
        {
            // It finished just now.
        }
    }

    private void Send<T>(FrameType type, T message)
    {
        var frame = Frames.Encode(type, message);
        try
        {
            lock (_writeLock)
            {
                _stream.Write(frame);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            logger.LogDebug("Could not send {Type} to the API: {Message}", type, ex.Message);
        }
    }

    private void Shutdown()
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }
}
