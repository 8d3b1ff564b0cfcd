using System.ComponentModel;
using System.Diagnostics;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Protocol;
using ConcurrencyService.Workloads.Timing;
using Microsoft.Extensions.Logging;

namespace ConcurrencyService.WorkerHost.Processes;

/// <summary>
/// One worker child process and its pipes: frames to its stdin, frames from its stdout (read by a dedicated thread so
/// a result is seen the moment it is written, however busy the thread pool), stderr logged line by line. The process
/// runs one task at a time and may hold one more queued ahead in its pipe (<see cref="Skip"/> withdraws that one); its
/// death, expected or not, completes <see cref="Exited"/> and every task sent to it.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(5);

    /// <summary>Linux's default pipe capacity.</summary>
    private const int PipeBuffer = 64 * 1024;

    private readonly Process _process;
    private readonly Stream _input;
    private readonly ILogger _logger;
    private readonly StderrTail _stderr = new();
    private readonly Task _stderrPump;
    private readonly long _startTimestamp = MonotonicClock.Timestamp;
    private readonly TaskCompletionSource<WorkerReady> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<WorkerExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // The tasks sent and not yet answered, by id: the one running and at most one queued ahead.
    private readonly Dictionary<long, TaskCompletionSource<TaskCompletedMessage?>> _sent = [];
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private bool _outputEnded;
    private long _tasksDone;
    private int _killed;

    /// <summary>Takes over a just-started process whose three standard streams are redirected.</summary>
    internal WorkerProcess(Process process, string name, ILogger logger)
    {
        _process = process;
        _input = process.StandardInput.BaseStream;
        _logger = logger;
        Name = name;
        ProcessId = process.Id;
        _stderrPump = Task.Run(() => _stderr.PumpAsync(process.StandardError, line => logger.LogInformation("{Worker} (pid {Pid}) stderr: {Line}", name, ProcessId, line)));
        FramePump.Start(process.StandardOutput.BaseStream, $"{name} pid {ProcessId} stdout", OnFrame, OnOutputEnded);
    }

    public string Name { get; }

    /// <summary>The worker's ready message; fails with <see cref="WorkerStartException"/> if it died first.</summary>
    internal Task<WorkerReady> Ready => _ready.Task;

    public int ProcessId { get; }

    /// <summary>The kernel id of the worker's task thread, from its ready message.</summary>
    public long? ThreadId => _ready.Task.IsCompletedSuccessfully ? _ready.Task.Result.ThreadId : null;

    public TimeSpan Uptime => MonotonicClock.Since(_startTimestamp);

    public long TasksDone => Interlocked.Read(ref _tasksDone);

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Completes once the process is gone and reaped, with how it ended.</summary>
    public Task<WorkerExit> Exited => _exited.Task;

    /// <summary>True once the host has killed it (cancel, shutdown), so its death is not counted as a crash.</summary>
    public bool WasKilled => Volatile.Read(ref _killed) == 1;

    public long? ResidentMemoryBytes => HasExited ? null : ResidentMemory.Of(_process);

    /// <summary>
    /// Sends one task and waits for its result; null when the process died first (see <see cref="Exited"/>). The worker
    /// runs tasks in the order they were sent, so a task sent while another runs waits in the pipe until that one ends.
    /// </summary>
    public async Task<TaskCompletedMessage?> RunAsync(RunTaskMessage task)
    {
        ArgumentNullException.ThrowIfNull(task);

        // Completed by the output thread, which then runs the slot's continuation itself: one thread hand-off less per
        // task. The slot's code only awaits, so the output thread is back at its pipe as soon as the slot waits again.
        var pending = new TaskCompletionSource<TaskCompletedMessage?>();
        lock (_sent)
        {
            if (_outputEnded)
            {
                return null;
            }

            if (!_sent.TryAdd(task.TaskId, pending))
            {
                throw new InvalidOperationException($"{Name} (pid {ProcessId}) already has task {task.TaskId}.");
            }
        }

        await WriteAsync(Frames.Encode(FrameType.RunTask, task));
        var result = await pending.Task;
        if (result is { Status: not TaskRunStatus.NotStarted })
        {
            Interlocked.Increment(ref _tasksDone);
        }

        return result;
    }

    /// <summary>
    /// Asks the worker not to start a task queued ahead: if the request arrives before the worker starts it, the
    /// task's result is NotStarted and comes before the result of the task running now; if not, the task runs.
    /// </summary>
    public void Skip(long taskId) => _ = WriteAsync(Frames.Encode(FrameType.CancelTask, new CancelTaskMessage(taskId)));

    /// <summary>Kills the process and anything it started; its death is then not a crash.</summary>
    public void Kill()
    {
        Interlocked.Exchange(ref _killed, 1);
        KillTree();
    }

    /// <summary>The polite stop: close its stdin (a worker exits at once on end of input), wait, then kill the tree.</summary>
    public async Task StopAsync(TimeSpan gracePeriod)
    {
        try
        {
            _input.Dispose();
        }
        catch (IOException)
        {
            // Its end of the pipe is already closed.
        }

        try
        {
            await Exited.WaitAsync(gracePeriod);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("{Worker} (pid {Pid}) did not exit within {Grace} of closing its input; killing it", Name, ProcessId, gracePeriod);
            Kill();
            await Exited.WaitAsync(ExitWait * 2).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Kills it if still running and releases the process handle once it has been reaped.</summary>
    public void Dispose()
    {
        if (!HasExited)
        {
            Kill();
        }

        _ = Exited.ContinueWith(_ => _process.Dispose(), TaskScheduler.Default);
    }

    private async Task WriteAsync(byte[] frame)
    {
        // A frame that fits the pipe's buffer is written synchronously, which returns at once: measured, that saves
        // thread hand-offs per task over the pipe stream's async write. Larger frames must not block the caller.
        try
        {
            if (frame.Length <= PipeBuffer && _writeGate.Wait(0))
            {
                try
                {
                    _input.Write(frame);
                }
                finally
                {
                    _writeGate.Release();
                }

                return;
            }

            await _writeGate.WaitAsync();
            try
            {
                await _input.WriteAsync(frame);
            }
            finally
            {
                _writeGate.Release();
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The process is dying or dead; the output reader will say how and complete its tasks.
        }
    }

    private void KillTree()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    // Runs on the output thread. A result completes the running task, and its awaiter continues on this thread.
    private void OnFrame(Frame frame)
    {
        switch (frame.Type)
        {
            case FrameType.WorkerReady when !_ready.Task.IsCompleted:
                _ready.TrySetResult(frame.Read<WorkerReady>());
                break;
            case FrameType.TaskCompleted when _ready.Task.IsCompleted:
                var result = frame.Read<TaskCompletedMessage>();
                TaskCompletionSource<TaskCompletedMessage?>? sent;
                lock (_sent)
                {
                    _sent.Remove(result.TaskId, out sent);
                }

                sent?.TrySetResult(result);
                break;
            default:
                throw new InvalidDataException($"unexpected {frame.Type} frame");
        }
    }

    // Runs on the output thread once stdout has ended: the process has exited or is about to.
    private void OnOutputEnded(Exception? error)
    {
        if (error is not null)
        {
            _logger.LogWarning("{Worker} (pid {Pid}) broke the protocol ({Message}); killing it", Name, ProcessId, error.Message);
            KillTree();
        }

        if (!_process.WaitForExit(ExitWait))
        {
            _logger.LogWarning("{Worker} (pid {Pid}) closed its output but kept running; killing it", Name, ProcessId);
            KillTree();
            _process.WaitForExit(ExitWait);
        }

        // Let the stderr pump take the last lines (a crash report) before summarising them.
        Task.WhenAny(_stderrPump, Task.Delay(TimeSpan.FromSeconds(2))).Wait();
        var exit = new WorkerExit(ProcessId, _process.HasExited ? _process.ExitCode : -1, _stderr.Summary());
        _exited.TrySetResult(exit);
        _ready.TrySetException(new WorkerStartException(exit.Brief()));
        List<TaskCompletionSource<TaskCompletedMessage?>> orphans;
        lock (_sent)
        {
            _outputEnded = true;
            orphans = [.. _sent.Values];
            _sent.Clear();
        }

        foreach (var orphan in orphans)
        {
            orphan.TrySetResult(null);
        }
    }
}
