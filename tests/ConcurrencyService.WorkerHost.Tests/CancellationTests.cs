using ConcurrencyService.WorkerHost.Tests.Infrastructure;
using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.WorkerHost.Tests;

/// <summary>Cancelling works before a task starts (it is dropped) and while it runs (its worker process is killed).</summary>
public sealed class CancellationTests(FaultHostFixture fixture) : IClassFixture<FaultHostFixture>
{
    [Fact]
    public async Task Cancel_OfARunningHang_KillsItsWorkerAndReturnsCancelled()
    {
        var client = fixture.Client;
        var before = await client.WaitForIdleWorkersAsync();
        var hang = await client.SubmitAsync("debug.hang", Pieces.Hang(60_000));
        var pid = (await hang.Started.WaitAsync(HostClient.Guard)).ProcessId;

        await client.CancelAsync(hang.TaskId);
        var result = await hang.Completed.WaitAsync(HostClient.Guard);

        Assert.Equal(TaskRunStatus.Cancelled, result.Status);
        Assert.Equal($"cancelled; worker process {pid} was killed", result.Error);
        Assert.Empty(await ProcessTable.WaitUntilGoneAsync([pid], TimeSpan.FromSeconds(10)));
        var after = await client.WaitForIdleWorkersAsync();
        Assert.DoesNotContain(after.Workers, w => w.ProcessId == pid);
        Assert.Equal(before.WorkersKilled + 1, after.WorkersKilled);
        Assert.Equal(before.WorkersCrashed, after.WorkersCrashed);
    }

    [Fact]
    public async Task Cancel_OfATaskWaitingBehindBusyWorkers_ReturnsNotStarted()
    {
        var client = fixture.Client;
        await client.WaitForIdleWorkersAsync();
        var hangs = new[] { await client.SubmitAsync("debug.hang", Pieces.Hang(60_000)), await client.SubmitAsync("debug.hang", Pieces.Hang(60_000)) };
        foreach (var hang in hangs)
        {
            await hang.Started.WaitAsync(HostClient.Guard);
        }

        var waiting = await client.SubmitAsync("cpu.squares", Pieces.Squares(10));
        await client.WaitForAsync(s => s.PendingTasks == 1, "the third task to wait");
        await client.CancelAsync(waiting.TaskId);
        var result = await waiting.Completed.WaitAsync(HostClient.Guard);

        Assert.Equal(TaskRunStatus.NotStarted, result.Status);
        Assert.False(waiting.Started.IsCompleted);
        Assert.Null(result.ProcessId);
        Assert.True(result.HostQueueMs > 0);
        Assert.Equal(0, (await client.DescribeAsync()).PendingTasks);

        foreach (var hang in hangs)
        {
            await client.CancelAsync(hang.TaskId);
            Assert.Equal(TaskRunStatus.Cancelled, (await hang.Completed.WaitAsync(HostClient.Guard)).Status);
        }
    }

    [Fact]
    public async Task ClosingAConnection_CancelsWhatItSubmitted_RunningAndWaiting()
    {
        var before = await fixture.Client.WaitForIdleWorkersAsync();
        var pids = new List<int>();
        await using (var other = await fixture.Host.ConnectAsync())
        {
            var hangs = new[] { await other.SubmitAsync("debug.hang", Pieces.Hang(60_000)), await other.SubmitAsync("debug.hang", Pieces.Hang(60_000)) };
            foreach (var hang in hangs)
            {
                pids.Add((await hang.Started.WaitAsync(HostClient.Guard)).ProcessId);
            }

            await other.SubmitAsync("cpu.squares", Pieces.Squares(10));
            await fixture.Client.WaitForAsync(s => s.PendingTasks == 1, "the third task to wait");
        }

        var after = await fixture.Client.WaitForAsync(
            s => s.WorkersKilled == before.WorkersKilled + 2 && s.PendingTasks == 0 && s.Workers.All(w => w.State == "idle" && !pids.Contains(w.ProcessId ?? 0)),
            "both hung workers killed and replaced, nothing waiting");
        Assert.Empty(await ProcessTable.WaitUntilGoneAsync(pids, TimeSpan.FromSeconds(10)));
        Assert.Equal(before.WorkersCrashed, after.WorkersCrashed);
    }
}
