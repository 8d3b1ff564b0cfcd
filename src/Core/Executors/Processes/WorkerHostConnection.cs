using System.Collections.Concurrent;
using System.Net.Sockets;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Protocol;
using ConcurrencyService.Workloads.Timing;

namespace ConcurrencyService.Core.Executors.Processes;

/// <summary>
/// One connection to the worker host over its Unix domain socket: many tasks in flight, matched to their
/// replies by task id. If the connection drops, every task in flight fails with a clear error at once —
/// nothing waits forever on a host that is gone.
/// </summary>
public sealed class WorkerHostConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly Lock _writeLock = new();
    private readonly ConcurrentDictionary<long, PendingTask> _tasks = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<PoolState>> _describes = new();
    private readonly TaskCompletionSource _readerEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _closing;
    private long _nextId;

    // Frames are read by a dedicated thread with blocking reads and written synchronously under a lock: measured, the
    // async socket calls cost a thread-pool hop each way per task. Results still reach callers on the thread pool
    // (RunContinuationsAsynchronously), so no caller's code ever runs on, or holds up, the reader thread.
    private WorkerHostConnection(Socket socket, HostHello hello)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        Hello = hello;
        FramePump.Start(_stream, "worker host connection", Dispatch, OnReaderEnded);
    }

    public HostHello Hello { get; }

    /// <summary>Completes when the connection is gone, with the reason.</summary>
    public Task<string> Closed => _closedSignal.Task;

    private readonly TaskCompletionSource<string> _closedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<WorkerHostConnection> ConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
            await using var probe = new NetworkStream(socket, ownsSocket: false);
            var frame = await Frames.ReadAsync(probe, cancellationToken)
                ?? throw new IOException("The worker host closed the connection before saying hello.");
            if (frame.Type != FrameType.Hello)
            {
                throw new InvalidDataException($"The worker host spoke first with {frame.Type}, not Hello.");
            }

            var hello = frame.Read<HostHello>();
            if (hello.ProtocolVersion != HostHello.CurrentVersion)
            {
                throw new InvalidDataException($"The worker host speaks protocol {hello.ProtocolVersion}; this API speaks {HostHello.CurrentVersion}.");
            }

            return new WorkerHostConnection(socket, hello);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs one piece of <paramref name="workload"/> on the host: the piece goes in the workload's binary form and the
    /// output comes back typed (<see cref="IWorkload.DecodeOutput"/>). Cancelling the token asks the host to drop
    /// the task or kill its worker.
    /// </summary>
    public async Task<(TaskCompletedMessage Result, object? Output, TimeSpan RoundTrip)> RunAsync(
        IWorkload workload, object piece, Action<TaskStartedMessage> started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        byte[] encoded;
        try
        {
            encoded = workload.EncodePiece(piece);
        }
        // A plugin's piece that its encoder refuses is that task's failure, whatever the encoder threw.
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var error = $"The piece could not be encoded for a worker process: {ex.GetBaseException().Message}";
            return (new TaskCompletedMessage(0, TaskRunStatus.Failed, null, error, null, null, null, null, null, null, 0), null, TimeSpan.Zero);
        }

        var id = Interlocked.Increment(ref _nextId);
        var pending = new PendingTask(started);
        _tasks[id] = pending;
        if (Closed.IsCompleted)
        {
            _tasks.TryRemove(id, out _);
            throw new IOException($"The connection to the worker host is lost: {Closed.Result}");
        }

        var sentAt = MonotonicClock.Timestamp;
        try
        {
            Send(FrameType.RunTask, new RunTaskMessage(id, workload.Name, encoded));
            await using (cancellationToken.Register(() => SendQuietly(FrameType.CancelTask, new CancelTaskMessage(id))))
            {
                var result = await pending.Completion.Task;
                var roundTrip = MonotonicClock.Since(sentAt);
                var (read, output) = Decoded(workload, result);
                return (read, output, roundTrip);
            }
        }
        finally
        {
            _tasks.TryRemove(id, out _);
        }
    }

    // A worker's output that does not read back as the workload's output is that task's failure, not the connection's.
    private static (TaskCompletedMessage Result, object? Output) Decoded(IWorkload workload, TaskCompletedMessage result)
    {
        if (result.Output is not { } output)
        {
            return (result, null);
        }

        try
        {
            return (result, workload.DecodeOutput(output));
        }
        catch (InvalidDataException ex)
        {
            return (result with { Status = TaskRunStatus.Failed, Output = null, Error = $"The worker's output could not be read: {ex.Message}" }, null);
        }
    }

    public async Task<PoolState> DescribeAsync(CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<PoolState>(TaskCreationOptions.RunContinuationsAsynchronously);
        _describes[id] = reply;
        try
        {
            Send(FrameType.Describe, new DescribeRequest(id));
            return await reply.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _describes.TryRemove(id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Not connected any more.
        }

        await _readerEnded.Task;
        _socket.Dispose();
        await _stream.DisposeAsync();
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
            throw new IOException($"The connection to the worker host is lost: {ex.Message}", ex);
        }
    }

    private void SendQuietly<T>(FrameType type, T message)
    {
        try
        {
            Send(type, message);
        }
        catch (IOException)
        {
            // The connection is gone; the reader fails the task.
        }
    }

    // On the reader thread, once: the host closed the connection, it broke, or we closed it.
    private void OnReaderEnded(Exception? error)
    {
        var reason = _closing ? "the API closed the connection"
            : error is null ? "the worker host closed the connection"
            : $"the connection to the worker host failed: {error.Message}";
        _closedSignal.TrySetResult(reason);
        foreach (var (id, task) in _tasks)
        {
            task.Completion.TrySetResult(new TaskCompletedMessage(
                id, TaskRunStatus.Failed, null, $"Lost the worker host while the task was in flight: {reason}.", null, null, null, null, null, null, 0));
        }

        foreach (var describe in _describes.Values)
        {
            describe.TrySetException(new IOException($"Lost the worker host: {reason}."));
        }

        _readerEnded.TrySetResult();
    }

    private void Dispatch(Frame frame)
    {
        switch (frame.Type)
        {
            case FrameType.TaskStarted:
                var started = frame.Read<TaskStartedMessage>();
                if (_tasks.TryGetValue(started.TaskId, out var running))
                {
                    running.Noticed = true;
                    Notify(running, started);
                }

                break;
            case FrameType.TaskCompleted:
                var completed = frame.Read<TaskCompletedMessage>();
                if (_tasks.TryGetValue(completed.TaskId, out var done))
                {
                    // A task that ended within the host's notice delay got no TaskStarted: its result says where it ran.
                    if (!done.Noticed && completed.ImpliedStart() is { } implied)
                    {
                        Notify(done, implied);
                    }

                    done.Completion.TrySetResult(completed);
                }

                break;
            case FrameType.PoolState:
                var state = frame.Read<PoolStateMessage>();
                if (_describes.TryGetValue(state.RequestId, out var reply))
                {
                    reply.TrySetResult(state.State);
                }

                break;
            default:
                throw new InvalidDataException($"Unexpected {frame.Type} frame from the worker host.");
        }
    }

    // On the reader thread: a caller's callback that throws must not end the connection (or, on this thread, the process).
    private static void Notify(PendingTask task, TaskStartedMessage started)
    {
        try
        {
            task.Started(started);
        }
        // The callback is the caller's; its failure is not the connection's.
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            System.Diagnostics.Trace.TraceWarning($"The started callback of worker host task {started.TaskId} failed: {ex.Message}");
        }
    }

    private sealed class PendingTask(Action<TaskStartedMessage> started)
    {
        public Action<TaskStartedMessage> Started { get; } = started;

        /// <summary>A TaskStarted came for it (read and written on the reader thread only).</summary>
        public bool Noticed { get; set; }

        public TaskCompletionSource<TaskCompletedMessage> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
