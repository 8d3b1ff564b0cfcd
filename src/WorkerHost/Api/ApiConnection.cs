using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json;
using ConcurrencyService.WorkerHost.Pool;
using ConcurrencyService.Workloads.Protocol;
using Microsoft.Extensions.Logging;

namespace ConcurrencyService.WorkerHost.Api;

/// <summary>
/// One API connection: many tasks in flight at once, each with its own cancellation; results go back in the order
/// they finish. Closing the connection cancels everything it submitted (waiting tasks are dropped, running ones killed).
/// </summary>
public sealed class ApiConnection(Socket socket, ITaskDispatcher dispatcher, HostHello hello, ILogger logger) : IAsyncDisposable
{
    private readonly NetworkStream _stream = new(socket, ownsSocket: true);

    // One frame is one write; the lock keeps frames from interleaving.
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    // The tasks in flight, by id, with what cancels each.
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _tasks = new();

    public async Task RunAsync(CancellationToken stopping)
    {
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        try
        {
            await SendAsync(FrameType.Hello, hello);
            while (await Frames.ReadAsync(_stream, closed.Token) is { } frame)
            {
                Dispatch(frame, closed.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or InvalidDataException or JsonException or OperationCanceledException)
        {
            logger.LogDebug("API connection ended: {Message}", ex.Message);
        }
        finally
        {
            // Cancel what this connection submitted and wait for it to end: dropped at once, or its worker killed.
            await closed.CancelAsync();
            while (!_tasks.IsEmpty)
            {
                await Task.Delay(10, CancellationToken.None);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _writeLock.Dispose();
    }

    private void Dispatch(Frame frame, CancellationToken closed)
    {
        switch (frame.Type)
        {
            case FrameType.RunTask:
                Start(frame.Read<RunTaskMessage>(), closed);
                break;
            case FrameType.CancelTask:
                Cancel(frame.Read<CancelTaskMessage>().TaskId);
                break;
            case FrameType.Describe:
                var request = frame.Read<DescribeRequest>();
                _ = SendAsync(FrameType.PoolState, new PoolStateMessage(request.RequestId, dispatcher.Describe()));
                break;
            default:
                logger.LogWarning("Ignoring an unexpected {Type} frame from the API", frame.Type);
                break;
        }
    }

    private void Start(RunTaskMessage task, CancellationToken closed)
    {
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(closed);
        if (!_tasks.TryAdd(task.TaskId, cancel))
        {
            cancel.Dispose();
            logger.LogWarning("Ignoring task {TaskId}: a task with that id is already running on this connection", task.TaskId);
            return;
        }

        _ = RunAsync(task, cancel);
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

    private async Task RunAsync(RunTaskMessage task, CancellationTokenSource cancel)
    {
        try
        {
            Task? started = null;
            var result = await dispatcher.RunAsync(task, s => started = SendAsync(FrameType.TaskStarted, s), cancel.Token);
            if (started is not null)
            {
                await started; // TaskStarted always reaches the API before TaskCompleted
            }

            await SendAsync(FrameType.TaskCompleted, result);
        }
        finally
        {
            _tasks.TryRemove(task.TaskId, out _);
            cancel.Dispose();
        }
    }

    private async Task SendAsync<T>(FrameType type, T message)
    {
        await _writeLock.WaitAsync();
        try
        {
            await Frames.WriteAsync(_stream, type, message, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            logger.LogDebug("Could not send {Type} to the API: {Message}", type, ex.Message);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
