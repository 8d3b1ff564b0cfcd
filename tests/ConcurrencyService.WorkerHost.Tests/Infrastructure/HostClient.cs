using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.WorkerHost.Tests.Infrastructure;

/// <summary>
/// A minimal client of the host's socket protocol: submit, cancel, describe; every wait has a hang guard. Whatever
/// breaks its reader (a frame out of order, an unknown task id, a frame that does not decode) fails every task and
/// describe still waiting, and fails the test again when the client is disposed: a protocol violation can't pass unseen.
/// </summary>
public sealed class HostClient : IAsyncDisposable
{
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, SubmittedTask> _tasks = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<PoolState>> _describes = new();
    private readonly Task _reader;
    private volatile Exception? _fault;
    private long _nextId;

    private HostClient(NetworkStream stream, HostHello hello)
    {
        _stream = stream;
        Hello = hello;
        _reader = Task.Run(ReadAsync);
    }

    public HostHello Hello { get; }

    /// <summary>Completes when the host closes the connection.</summary>
    public Task Closed => _reader;

    public static async Task<HostClient> ConnectAsync(string socketPath)
    {
        var socket = await ConnectSocketAsync(socketPath);
        var stream = new NetworkStream(socket, ownsSocket: true);
        var frame = await Frames.ReadAsync(stream, CancellationToken.None).AsTask().WaitAsync(Guard);
        Assert.NotNull(frame);
        Assert.Equal(FrameType.Hello, frame.Type);
        return new HostClient(stream, frame.Read<HostHello>());
    }

    /// <summary>Retries briefly: the socket file appears at bind, a moment before the host listens.</summary>
    private static async Task<Socket> ConnectSocketAsync(string socketPath)
    {
        for (var attempt = 1; ; attempt++)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath)).WaitAsync(Guard);
                return socket;
            }
            catch (SocketException) when (attempt < 100)
            {
                socket.Dispose();
                await Task.Delay(20);
            }
        }
    }

    public Task<SubmittedTask> SubmitAsync(string workload, object piece) => SubmitAsync(workload, Pieces.Encode(workload, piece));

    /// <summary>Sends the piece's bytes as they are: a test of what a worker makes of a piece that is not one.</summary>
    public async Task<SubmittedTask> SubmitAsync(string workload, byte[] piece)
    {
        var task = new SubmittedTask(Interlocked.Increment(ref _nextId));
        _tasks[task.TaskId] = task;
        await SendAsync(FrameType.RunTask, new RunTaskMessage(task.TaskId, workload, piece));
        return task;
    }

    public async Task<TaskCompletedMessage> RunAsync(string workload, object piece) =>
        await (await SubmitAsync(workload, piece)).Completed.WaitAsync(Guard);

    public Task CancelAsync(long taskId) => SendAsync(FrameType.CancelTask, new CancelTaskMessage(taskId));

    public async Task<PoolState> DescribeAsync()
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<PoolState>(TaskCreationOptions.RunContinuationsAsynchronously);
        _describes[id] = reply;
        await SendAsync(FrameType.Describe, new DescribeRequest(id));
        return await reply.Task.WaitAsync(Guard);
    }

    /// <summary>Polls Describe until <paramref name="condition"/> holds; fails with the last state after the guard.</summary>
    public async Task<PoolState> WaitForAsync(Func<PoolState, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Guard);
        while (true)
        {
            var state = await DescribeAsync();
            if (condition(state))
            {
                return state;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}. Last pool state: {System.Text.Json.JsonSerializer.Serialize(state)}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until every worker is idle in a live process.</summary>
    public Task<PoolState> WaitForIdleWorkersAsync() =>
        WaitForAsync(s => s.Workers.All(w => w.State == "idle" && w.ProcessId is { } pid && ProcessTable.IsAlive(pid)), "every worker idle");

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        await _reader.WaitAsync(Guard);
        _writeLock.Dispose();
        if (_fault is { } fault)
        {
            Assert.Fail($"The host broke the protocol: {fault}");
        }
    }

    private async Task SendAsync<T>(FrameType type, T message)
    {
        await _writeLock.WaitAsync();
        try
        {
            await Frames.WriteAsync(_stream, type, message, CancellationToken.None);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            var frames = 0L;
            while (await Frames.ReadAsync(_stream, CancellationToken.None) is { } frame)
            {
                frames++;
                switch (frame.Type)
                {
                    case FrameType.TaskStarted:
                        var started = frame.Read<TaskStartedMessage>();
                        Submitted(started.TaskId).OnStarted(started, frames);
                        break;
                    case FrameType.TaskCompleted:
                        var completed = frame.Read<TaskCompletedMessage>();
                        Submitted(completed.TaskId).OnCompleted(completed, frames);
                        break;
                    case FrameType.PoolState:
                        var state = frame.Read<PoolStateMessage>();
                        if (!_describes.TryGetValue(state.RequestId, out var reply) || !reply.TrySetResult(state.State))
                        {
                            throw new InvalidDataException($"A PoolState answered request {state.RequestId}, which is not waiting for one.");
                        }

                        break;
                    default:
                        throw new InvalidDataException($"Unexpected {frame.Type} frame from the host.");
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            // The connection was closed.
        }
#pragma warning disable CA1031 // Anything else is the host breaking the protocol: it must fail the test, not vanish with this task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _fault = ex;
            foreach (var task in _tasks.Values)
            {
                task.Fail(ex);
            }

            foreach (var describe in _describes.Values)
            {
                describe.TrySetException(ex);
            }
        }
    }

    private SubmittedTask Submitted(long taskId) =>
        _tasks.TryGetValue(taskId, out var task) ? task : throw new InvalidDataException($"A frame named task {taskId}, which this client never submitted.");
}
