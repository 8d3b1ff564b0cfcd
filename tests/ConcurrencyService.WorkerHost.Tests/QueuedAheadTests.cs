using System.Diagnostics;
using ConcurrencyService.WorkerHost.Tests.Infrastructure;
using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.WorkerHost.Tests;

/// <summary>
/// A busy warm worker holds one task queued ahead in its pipe. That task has not started: a crash of the task before
/// it sends it to another worker, a cancel withdraws it without killing the worker, recycling counts it, and its
/// start is when the worker starts it.
/// </summary>
public sealed class QueuedAheadTests
{
    [Fact]
    public async Task Crash_WithATaskQueuedAhead_TheQueuedTaskSucceedsOnAnotherWorkerProcess()
    {
        await using var host = await WorkerHostProcess.StartAsync("--Pool:Workers=1", "--Diagnostics:FaultWorkloads=true");
        await using var client = await host.ConnectAsync();
        var (running, ahead) = await QueueOneAheadAsync(client, Pieces.Hang(60_000));
        var pid = (await running.Started.WaitAsync(HostClient.Guard)).ProcessId;

        using (var worker = Process.GetProcessById(pid))
        {
            worker.Kill(); // SIGKILL from outside: a crash, as far as the host can tell
        }

        var crashed = await running.Completed.WaitAsync(HostClient.Guard);
        var result = await ahead.Completed.WaitAsync(HostClient.Guard);

        Assert.Equal(TaskRunStatus.Failed, crashed.Status);
        Assert.StartsWith($"worker process {pid} was killed by signal 9", crashed.Error, StringComparison.Ordinal);
        Assert.True(result.Status == TaskRunStatus.Succeeded, $"The task queued ahead ended {result.Status}: {result.Error}");
        Assert.NotEqual(pid, result.ProcessId);
        Assert.Equal(result.ProcessId, (await ahead.Started.WaitAsync(HostClient.Guard)).ProcessId);
        Assert.True(ahead.StartedFrame > running.CompletedFrame, "The task queued ahead was reported started before the crash.");
        var state = await client.WaitForIdleWorkersAsync();
        Assert.Equal(1, state.WorkersCrashed);
        Assert.Equal(1, state.TasksFailed);
    }

    [Fact]
    public async Task Cancel_OfATaskQueuedAhead_ReturnsNotStartedAndKeepsTheWorker()
    {
        await using var host = await WorkerHostProcess.StartAsync("--Pool:Workers=1", "--Diagnostics:FaultWorkloads=true");
        await using var client = await host.ConnectAsync();
        var (running, ahead) = await QueueOneAheadAsync(client, Pieces.Hang(8_000));
        var pid = (await running.Started.WaitAsync(HostClient.Guard)).ProcessId;

        await client.CancelAsync(ahead.TaskId);
        var cancelled = await ahead.Completed.WaitAsync(HostClient.Guard);

        Assert.Equal(TaskRunStatus.NotStarted, cancelled.Status);
        Assert.False(running.Completed.IsCompleted, "The cancel was answered only after the task before it ended.");
        Assert.False(ahead.Started.IsCompleted);
        Assert.Equal(TaskRunStatus.Succeeded, (await running.Completed.WaitAsync(HostClient.Guard)).Status);

        // The worker skipped the cancelled task and is still the same process: the next task runs in it.
        var next = await client.RunAsync("cpu.squares", Pieces.Squares(1000));
        Assert.Equal(TaskRunStatus.Succeeded, next.Status);
        Assert.Equal(pid, next.ProcessId);
        var state = await client.DescribeAsync();
        Assert.Equal(0, state.WorkersKilled);
        Assert.Equal(0, state.WorkersCrashed);
        Assert.Equal(3, state.Workers[0].TasksDone); // the first, the hang and the last; not the skipped one
    }

    [Fact]
    public async Task MaxTasksPerChild_WithTasksQueuedAhead_NoProcessRunsMoreThanItsShare()
    {
        await using var host = await WorkerHostProcess.StartAsync("--Pool:Workers=1", "--Pool:MaxTasksPerChild=2");
        await using var client = await host.ConnectAsync();
        await client.WaitForIdleWorkersAsync();

        var tasks = new List<SubmittedTask>();
        for (var i = 0; i < 7; i++)
        {
            tasks.Add(await client.SubmitAsync("cpu.squares", Pieces.Squares(200_000)));
        }

        var results = await Task.WhenAll(tasks.Select(t => t.Completed.WaitAsync(HostClient.Guard)));

        Assert.All(results, r => Assert.Equal(TaskRunStatus.Succeeded, r.Status));
        var perProcess = results.GroupBy(r => r.ProcessId).Select(g => g.Count()).ToList();
        Assert.All(perProcess, n => Assert.True(n <= 2, $"A worker process ran {n} tasks with Pool:MaxTasksPerChild=2."));
        Assert.Equal(4, perProcess.Count);
        await client.WaitForAsync(s => s.WorkersRecycled == 3, "three recycles");
    }

    [Fact]
    public async Task TasksQueuedAhead_EachStartsAfterTheOneBeforeItEnded()
    {
        await using var host = await WorkerHostProcess.StartAsync("--Pool:Workers=1", "--Diagnostics:FaultWorkloads=true");
        await using var client = await host.ConnectAsync();
        await client.WaitForIdleWorkersAsync();

        // Every task below is waiting before the first of them starts.
        var hang = await client.SubmitAsync("debug.hang", Pieces.Hang(1_500));
        await hang.Started.WaitAsync(HostClient.Guard);
        var tasks = new List<SubmittedTask>();
        for (var i = 0; i < 8; i++)
        {
            tasks.Add(await client.SubmitAsync("cpu.squares", Pieces.Squares(2_000_000)));
        }

        var results = await Task.WhenAll(tasks.Select(t => t.Completed.WaitAsync(HostClient.Guard)));

        Assert.All(results, r => Assert.Equal(TaskRunStatus.Succeeded, r.Status));
        Assert.Single(results.Select(r => r.ProcessId).Distinct());
        Assert.Equal(TaskRunStatus.Succeeded, (await hang.Completed.WaitAsync(HostClient.Guard)).Status);
        Assert.True(tasks[0].StartedFrame > hang.CompletedFrame, "The first task was reported started before the hang ended.");
        for (var i = 1; i < tasks.Count; i++)
        {
            // The worker's own clock: a task queued ahead starts when the worker starts it, not when it was sent.
            var before = results[i - 1];
            var endOfBefore = before.StartedAt!.Value + TimeSpan.FromMilliseconds(before.DurationMs!.Value);
            Assert.True(results[i].StartedAt >= endOfBefore, $"Task {i} started at {results[i].StartedAt:O}, before task {i - 1} ended at {endOfBefore:O}.");
            Assert.True(tasks[i].StartedFrame > tasks[i - 1].CompletedFrame, $"Task {i} was reported started before task {i - 1} ended.");
        }

        // Time in the pipe is queue time, not dispatch overhead: each task waited at least as long as the one before it ran.
        for (var i = 1; i < tasks.Count; i++)
        {
            Assert.True(results[i].HostQueueMs >= results[i - 1].DurationMs, $"Task {i} waited {results[i].HostQueueMs} ms; task {i - 1} ran {results[i - 1].DurationMs} ms.");
        }
    }

    // One worker: a short hang first, so the running task and the one after it are both waiting when the worker frees
    // up; the first then starts and the second is taken ahead (nothing left waiting in the host's queue).
    private static async Task<(SubmittedTask Running, SubmittedTask Ahead)> QueueOneAheadAsync(HostClient client, object running)
    {
        await client.WaitForIdleWorkersAsync();
        var first = await client.SubmitAsync("debug.hang", Pieces.Hang(1_500));
        await first.Started.WaitAsync(HostClient.Guard);
        var second = await client.SubmitAsync("debug.hang", running);
        var ahead = await client.SubmitAsync("cpu.squares", Pieces.Squares(1000));
        Assert.Equal(TaskRunStatus.Succeeded, (await first.Completed.WaitAsync(HostClient.Guard)).Status);
        await second.Started.WaitAsync(HostClient.Guard);
        await client.WaitForAsync(s => s.PendingTasks == 0, "the third task to be queued ahead in the worker");
        Assert.False(ahead.Started.IsCompleted);
        return (second, ahead);
    }
}
