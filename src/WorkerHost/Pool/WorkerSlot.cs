using ConcurrencyService.WorkerHost.Processes;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Protocol;
using ConcurrencyService.Workloads.Timing;
using Microsoft.Extensions.Logging;

namespace ConcurrencyService.WorkerHost.Pool;

/// <summary>
/// One worker of the pool: a loop that keeps a live process (warm) or gets a fresh one per task (spawn), takes the
/// next task, runs it, and replaces the process when it crashed, was killed for a cancel, or is due for recycling.
/// </summary>
public sealed class WorkerSlot(
    string name, WorkerPoolOptions options, ProcessStarter starter, TaskQueue queue, PoolCounters counters, SpareProcesses? spares, Retirement retirement, ILogger logger)
{
    private volatile WorkerProcess? _process;
    private volatile string _state = "starting";

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

                _state = "idle";
                if (await NextTaskAsync(stopping) is not { } task)
                {
                    continue;
                }

                if ((_process ?? await SpawnAsync(task, stopping)) is { } process)
                {
                    _process = process;
                    await RunAsync(task, process, stopping);
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

    private async Task RunAsync(PendingTask task, WorkerProcess process, CancellationToken stopping)
    {
        var waited = task.Waited;
        if (task.CancellationToken.IsCancellationRequested)
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
            // The task is in the worker's pipe when RunAsync returns, so the worker starts while TaskStarted is being
            // sent. TaskStarted still goes out first: the result is handed on only by this method's continuation,
            // which cannot run before the await below.
            var running = process.RunAsync(task.Message);
            NotifyStarted(task, new TaskStartedMessage(task.Message.TaskId, name, process.ProcessId, startedAt));
            result = await running;
        }

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
            MaybeRecycle(process);
        }
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

    private void NotifyStarted(PendingTask task, TaskStartedMessage started)
    {
        try
        {
            task.NotifyStarted(started);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "{Worker}: the started callback of task {TaskId} failed", name, task.Message.TaskId);
        }
    }
}
