using ConcurrencyService.WorkerHost.Tests.Infrastructure;
using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.WorkerHost.Tests;

/// <summary>A worker that crashes fails its own task only; the tasks around it succeed and the pool refills.</summary>
public sealed class CrashTests(FaultHostFixture fixture) : IClassFixture<FaultHostFixture>
{
    private const int Bystanders = 6;

    [Theory]
    [InlineData("exit", "exited with code 3")]
    [InlineData("failfast", "was killed by signal 6 (SIGABRT): debug.crash asked for FailFast.")]
    [InlineData("stackoverflow", "was killed by signal 6 (SIGABRT): Stack overflow.")]
    [InlineData("oom", "was killed by signal 6 (SIGABRT): System.OutOfMemoryException")]
    public async Task Crash_InEachMode_FailsOnlyItsTaskAndPoolRefills(string mode, string expectedHow)
    {
        var client = fixture.Client;
        var before = await client.WaitForIdleWorkersAsync();

        var crash = await client.SubmitAsync("debug.crash", Pieces.Crash(mode));
        var others = new List<SubmittedTask>();
        for (var i = 0; i < Bystanders; i++)
        {
            others.Add(await client.SubmitAsync("cpu.squares", Pieces.Squares(500_000 + i)));
        }

        var crashed = await crash.Completed.WaitAsync(HostClient.Guard);
        var pid = (await crash.Started.WaitAsync(HostClient.Guard)).ProcessId;
        Assert.Equal(TaskRunStatus.Failed, crashed.Status);
        Assert.Equal(pid, crashed.ProcessId);
        Assert.StartsWith($"worker process {pid} {expectedHow}", crashed.Error, StringComparison.Ordinal);

        foreach (var other in others)
        {
            var result = await other.Completed.WaitAsync(HostClient.Guard);
            Assert.True(result.Status == TaskRunStatus.Succeeded, $"A bystander failed: {result.Error}");
        }

        var after = await client.WaitForAsync(
            s => s.WorkersCrashed > before.WorkersCrashed
                && s.Workers.All(w => w.State == "idle" && w.ProcessId is { } p && p != pid && ProcessTable.IsAlive(p)),
            "two live workers, neither the crashed one");
        Assert.Equal(2, after.Workers.Count);
        Assert.False(ProcessTable.IsAlive(pid));
        Assert.Contains(after.Workers, w => w.LastExit is { } exit && exit.StartsWith($"pid {pid} ", StringComparison.Ordinal));
        Assert.True(after.TasksFailed > before.TasksFailed);
    }
}
