using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.WorkerHost.Tests.Infrastructure;

/// <summary>A task sent to the host and what the host has said about it so far.</summary>
public sealed class SubmittedTask(long taskId)
{
    private readonly TaskCompletionSource<TaskStartedMessage> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<TaskCompletedMessage> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long TaskId { get; } = taskId;

    public Task<TaskStartedMessage> Started => _started.Task;

    public Task<TaskCompletedMessage> Completed => _completed.Task;

    /// <summary>Where TaskStarted and TaskCompleted came in the stream of frames the client read (1 = the first).</summary>
    public long StartedFrame { get; private set; }

    /// <inheritdoc cref="StartedFrame"/>
    public long CompletedFrame { get; private set; }

    /// <summary>No TaskStarted came: the start was read from the result.</summary>
    public bool ImpliedStart { get; private set; }

    /// <summary>Throws <see cref="InvalidDataException"/> (failing the client's reader) on a second or late TaskStarted.</summary>
    internal void OnStarted(TaskStartedMessage message, long frame)
    {
        StartedFrame = frame;
        // The protocol promises TaskStarted, at most once, before TaskCompleted.
        if (_completed.Task.IsCompleted || !_started.TrySetResult(message))
        {
            throw new InvalidDataException($"Task {TaskId}: TaskStarted arrived after TaskCompleted or twice.");
        }
    }

    /// <summary>Throws <see cref="InvalidDataException"/> on a second TaskCompleted.</summary>
    /// <remarks>
    /// A task that ended within the host's notice delay gets no TaskStarted: as the API does, its start is then read
    /// from the result, and its <see cref="StartedFrame"/> is the result's frame.
    /// </remarks>
    internal void OnCompleted(TaskCompletedMessage message, long frame)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_started.Task.IsCompleted && message.ImpliedStart() is { } implied)
        {
            StartedFrame = frame;
            ImpliedStart = true;
            _started.TrySetResult(implied);
        }

        CompletedFrame = frame;
        if (!_completed.TrySetResult(message))
        {
            throw new InvalidDataException($"Task {TaskId}: a second TaskCompleted.");
        }
    }

    /// <summary>The client's reader failed: nothing more will arrive for this task.</summary>
    internal void Fail(Exception why)
    {
        _started.TrySetException(why);
        _completed.TrySetException(why);
    }
}
