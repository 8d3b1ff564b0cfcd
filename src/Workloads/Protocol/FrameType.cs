namespace ConcurrencyService.Workloads.Protocol;

/// <summary>
/// The message kinds of the worker protocol. The API talks to the worker host over a Unix domain socket; the
/// host talks to each worker process over its stdin/stdout pipes. Both use the same frames.
/// </summary>
public enum FrameType : byte
{
    /// <summary>Host → API on connect: <see cref="HostHello"/>.</summary>
    Hello = 1,

    /// <summary>API → host, host → worker: <see cref="RunTaskMessage"/>.</summary>
    RunTask = 2,

    /// <summary>Host → API when a worker takes the task: <see cref="TaskStartedMessage"/>.</summary>
    TaskStarted = 3,

    /// <summary>Worker → host, host → API: <see cref="TaskCompletedMessage"/>.</summary>
    TaskCompleted = 4,

    /// <summary>
    /// API → host: <see cref="CancelTaskMessage"/>. The host kills the worker running it. Host → worker: do not start
    /// this task queued ahead (the worker answers with a NotStarted TaskCompleted if it had not started it).
    /// </summary>
    CancelTask = 5,

    /// <summary>API → host: <see cref="DescribeRequest"/>.</summary>
    Describe = 6,

    /// <summary>Host → API: <see cref="PoolStateMessage"/>.</summary>
    PoolState = 7,

    /// <summary>Worker → host once started: <see cref="WorkerReady"/>.</summary>
    WorkerReady = 8,
}
