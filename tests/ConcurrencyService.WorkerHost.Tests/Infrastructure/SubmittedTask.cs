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

    internal void OnStarted(TaskStartedMessage message)
    {
        // The protocol promises TaskStarted before TaskCompleted.
        Assert.False(_completed.Task.IsCompleted, $"Task {TaskId}: TaskStarted arrived after TaskCompleted.");
        _started.TrySetResult(message);
    }

    internal void OnCompleted(TaskCompletedMessage message) => _completed.TrySetResult(message);
}
