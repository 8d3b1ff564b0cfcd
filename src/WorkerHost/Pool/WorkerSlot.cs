using ConcurrencyService.WorkerHost.Processes;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Protocol;
using ConcurrencyService.Workloads.Timing;
using Microsoft.Extensions.Logging;

namespace ConcurrencyService.WorkerHost.Pool;

/// <summary>
/// One worker of the pool: a loop that keeps a live process (warm) or gets a fresh one per task (spawn), takes the
/// next task, runs it, and replaces the process when it crashed, was killed for a cancel, or is due for recycling.
/// A warm slot keeps one more task queued ahead in its process's pipe while a task runs (<see cref="AheadTask"/>), so
/// the worker starts it the moment it writes the result before it: no wait for the host to wake and send it.
/// </summary>
public sealed class WorkerSlot(
    string name, WorkerPoolOptions options, ProcessStarter starter, TaskQueue queue, PoolCounters counters, SpareProcesses? spares, Retirement retirement, ILogger logger)
{
    private volatile WorkerProcess? _process;
    private volatile string _state = "starting";

    // The task queued ahead in the process's pipe, and, once the task before it ended, the one to run next.
    private AheadTask? _ahead;
    private AheadTask? _next;

    public string? Problem => starter.Problem;

    public WorkerProcessState Describe()
    {
        var process = _process;
        return new WorkerProcessState(
            name, process?.ProcessId, process?.ThreadId, starter.BackingOff ? "backoff" : _state, process?.Uptime.TotalSeconds ?? 0,
            process?.TasksDone ?? 0, process?.ResidentMemoryBytes, Math.Max(0, starter.Attempts - 1), starter.LastExit);
    }

    /// <summary>Kills the slot's process at once (the host is exiting because its owner is gone).</summary>
    public void Kill() => _process?.Kill();

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                if (!options.IsSpawn && _process is null)
                {
                    _state = "starting";
                    _process = await starter.StartAsync(stopping);
                }

                if (_next is { } next && _process is { } current)
                {
                    _next = null;
                    await RunAsync(next.Task, current, next.Sent, stopping);
                    continue;
                }

                _state = "idle";
                if (await NextTaskAsync(stopping) is not { } task)
                {
                    continue;
                }

                if ((_process ?? await SpawnAsync(task, stopping)) is { } process)
                {
                    _process = process;
                    await RunAsync(task, process, null, stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Host shutdown.
        }
        finally
        {
            _state = "stopped";
            _next?.Task.Complete(TaskResults.NotStarted(_next.Task.Message, _next.Task.Waited, "the worker host is stopping"));
            if (_ahead is not null)
            {
                GiveBack(_ahead, stopping: true);
            }

            if (_process is { } process)
            {
                _process = null;
                await process.StopAsync(options.StopGracePeriod);
                process.Dispose();
            }
        }
    }

    // Null when the idle process died first (checked before taking, so a task never goes to a known-dead process).
    private async Task<PendingTask?> NextTaskAsync(CancellationToken stopping)
    {
        var process = _process;
        var task = process is { HasExited: true } ? null : await queue.TakeAsync(process?.Exited, stopping);
        if (task is null && process is not null)
        {
            Discard(process, await process.Exited);
        }

        return task;
    }

    // Spawn mode: a pre-started spare if there is one, else a new process; the task may be cancelled meanwhile.
    private async Task<WorkerProcess?> SpawnAsync(PendingTask task, CancellationToken stopping)
    {
        if (spares is not null && spares.TryTake(out var spare))
        {
            return spare;
        }

        _state = "starting";
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping, task.CancellationToken);
        try
        {
            return await starter.StartAsync(either.Token);
        }
        catch (OperationCanceledException)
        {
            // The slot had taken the task, so its own cancellation no longer completes it: this must.
            var why = stopping.IsCancellationRequested ? "the worker host is stopping" : "cancelled while its worker process was starting";
            task.Complete(TaskResults.NotStarted(task.Message, task.Waited, why));
            stopping.ThrowIfCancellationRequested();
            return null;
        }
    }

    // sent: the task was queued ahead and is already in the pipe; it starts now that the task before it has ended.
    private async Task RunAsync(PendingTask task, WorkerProcess process, Task<TaskCompletedMessage?>? sent, CancellationToken stopping)
    {
        // A task queued ahead waited in the pipe until now: that is queue time, not dispatch overhead.
        var waited = task.Waited;
        if (sent is null && task.CancellationToken.IsCancellationRequested)
        {
            task.Complete(TaskResults.NotStarted(task.Message, waited, "cancelled before a worker took it")); // no need to kill anything
            return;
        }

        _state = "busy";
        var startedAt = MonotonicClock.UtcNow;
        var start = MonotonicClock.Timestamp;
        var cancelled = 0;
        TaskCompletedMessage? result;
        using (task.CancellationToken.Register(() => { Volatile.Write(ref cancelled, 1); process.Kill(); }))
        using (stopping.Register(() => _ = process.StopAsync(options.StopGracePeriod)))
        {
            // The task is in the worker's pipe when RunAsync returns. Its start notice is armed before the result can
            // be handed on (only this method's continuation does that, after the await below), so a notice, if one goes
            // out at all, precedes the result.
            var running = sent ?? process.RunAsync(task.Message);
            task.NotifyStarted(
                new TaskStartedMessage(task.Message.TaskId, name, process.ProcessId, startedAt),
                ex => logger.LogWarning(ex, "{Worker}: the started callback of task {TaskId} failed", name, task.Message.TaskId));
            SendAhead(process);
            result = await running;
        }

        var ahead = _ahead;
        _ahead = null;
        var died = result is null;
        if (result is null)
        {
            var error = cancelled == 1 ? $"cancelled; worker process {process.ProcessId} was killed"
                : stopping.IsCancellationRequested ? $"the worker host is stopping; worker process {process.ProcessId} was stopped"
                : (await process.Exited).Describe();
            var status = cancelled == 1 ? TaskRunStatus.Cancelled : TaskRunStatus.Failed;
            result = TaskResults.Ended(task.Message, status, error, process.ProcessId, process.ThreadId, startedAt, MonotonicClock.Since(start));
        }

        result = result with { Worker = name, HostQueueMs = waited.TotalMilliseconds };
        counters.TaskEnded(result.Status);
        task.Complete(result);

        if (cancelled == 1)
        {
            counters.WorkerKilled();
            starter.LastExit = $"pid {process.ProcessId} was killed to cancel its task";
            Discard(process, null);
        }
        else if (died)
        {
            Discard(process, stopping.IsCancellationRequested ? null : process.Exited.Result);
        }
        else
        {
            starter.Policy.RecordSuccess();
        }

        if (ahead is not null && HandOver(ahead, process, stopping))
        {
            return; // the next task is running already; the recycling check waits until it ends
        }

        if (!died && cancelled == 0)
        {
            MaybeRecycle(process);
        }
    }

    // Warm mode: while a task runs, send the next one into the pipe, unless the process is due for recycling after
    // this task or a slot is idle (a task must not wait behind this one while a worker is free).
    private void SendAhead(WorkerProcess process)
    {
        if (options.IsSpawn || _ahead is not null || RecyclePolicy.Reason(options, process, running: 1) is not null
            || !queue.TryTakeAhead(out var next))
        {
            return;
        }

        if (next.CancellationToken.IsCancellationRequested)
        {
            next.Complete(TaskResults.NotStarted(next.Message, next.Waited, "cancelled before a worker took it"));
            return;
        }

        _ahead = new AheadTask(next, process);
    }

    // The task before the one queued ahead has ended. True if the queued one now runs next in the same process.
    private bool HandOver(AheadTask ahead, WorkerProcess process, CancellationToken stopping)
    {
        if (_process != process || stopping.IsCancellationRequested)
        {
            GiveBack(ahead, stopping.IsCancellationRequested); // it never started: another worker runs it
            return false;
        }

        if (ahead.TryStart())
        {
            _next = ahead;
            return true;
        }

        if (!ahead.SkipConfirmed)
        {
            // Cancelled (and reported NotStarted) too late for the worker to skip it: it may be running it now.
            counters.WorkerKilled();
            starter.LastExit = $"pid {process.ProcessId} was killed: task {ahead.Task.Message.TaskId}, queued ahead in it, was cancelled as it started";
            process.Kill();
            Discard(process, null);
            return true;
        }

        return false;
    }

    // A task queued ahead in a process that ended (or will not run it): back to the queue, unless the host is stopping.
    private void GiveBack(AheadTask ahead, bool stopping)
    {
        if (!ahead.TryWithdraw())
        {
            return; // a cancel completed it already
        }

        var task = ahead.Task;
        if (stopping || !queue.TryReturn(task))
        {
            task.Complete(TaskResults.NotStarted(task.Message, task.Waited, "the worker host is stopping"));
            return;
        }

        logger.LogInformation("{Worker}: task {TaskId} was queued ahead in a worker process that ended first; it goes back to the queue", name, task.Message.TaskId);
    }

    private void MaybeRecycle(WorkerProcess process)
    {
        if (options.IsSpawn)
        {
            _process = null;
            retirement.Retire(process); // a spawn-mode process serves one task
        }
        else if (RecyclePolicy.Reason(options, process) is { } why)
        {
            counters.WorkerRecycled();
            starter.LastExit = $"pid {process.ProcessId} was recycled: {why}";
            logger.LogInformation("{Worker} recycling pid {Pid}: {Why}", name, process.ProcessId, why);
            _process = null;
            retirement.Retire(process);
        }
    }

    // The process is gone (crashed, or killed by us): count it, remember how it ended, and let the loop replace it.
    private void Discard(WorkerProcess process, WorkerExit? exit)
    {
        _process = null;
        if (exit is not null && !process.WasKilled)
        {
            counters.WorkerCrashed();
            starter.LastExit = exit.Brief();
            if (RestartPolicy.IsEarly(process.Uptime))
            {
                starter.Policy.RecordFailure(exit.Brief());
            }

            logger.LogWarning("{Worker}: {Exit} after {Uptime:0.0} s and {Tasks} tasks", name, exit.Describe(), process.Uptime.TotalSeconds, process.TasksDone);
        }

        process.Dispose();
    }
}
