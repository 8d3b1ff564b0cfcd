using ConcurrencyService.WorkerHost.Tests.Infrastructure;
using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.WorkerHost.Tests;

/// <summary>When a worker process is replaced by policy: after N tasks, above a memory limit, or after every task (spawn mode).</summary>
public sealed class RecyclingTests
{
    [Fact]
    public async Task MaxTasksPerChild_Two_StartsANewProcessAfterEveryTwoTasks()
    {
        await using var host = await WorkerHostProcess.StartAsync("--Pool:Workers=1", "--Pool:MaxTasksPerChild=2");
        await using var client = await host.ConnectAsync();

        var pids = await RunInTurnAsync(client, 6);

        Assert.Equal(pids[0], pids[1]);
        Assert.Equal(pids[2], pids[3]);
        Assert.Equal(pids[4], pids[5]);
        Assert.Equal(3, pids.Distinct().Count());
        await client.WaitForAsync(s => s.WorkersRecycled == 3, "three recycles");
        Assert.Empty(await ProcessTable.WaitUntilGoneAsync(pids.Distinct(), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task MaxMemoryMbPerChild_BelowAWorkersResidentMemory_RecyclesAfterEveryTask()
    {
        await using var host = await WorkerHostProcess.StartAsync("--Pool:Workers=1", "--Pool:MaxMemoryMbPerChild=1");
        await using var client = await host.ConnectAsync();

        var pids = await RunInTurnAsync(client, 3);

        Assert.Equal(3, pids.Distinct().Count());
        var state = await client.WaitForAsync(s => s.WorkersRecycled == 3, "three recycles");
        Assert.Contains("Pool:MaxMemoryMbPerChild", state.Workers[0].LastExit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpawnMode_RunsEveryTaskInAFreshProcess()
    {
        await using var host = await WorkerHostProcess.StartAsync("--Pool:Workers=2", "--Pool:Mode=spawn", "--Pool:SpareProcesses=2");
        await using var client = await host.ConnectAsync();
        Assert.Equal("spawn", client.Hello.Mode);

        var tasks = new List<SubmittedTask>();
        for (var i = 0; i < 6; i++)
        {
            tasks.Add(await client.SubmitAsync("cpu.squares", Pieces.Squares(1000)));
        }

        var results = await Task.WhenAll(tasks.Select(t => t.Completed.WaitAsync(HostClient.Guard)));

        Assert.All(results, r => Assert.Equal(TaskRunStatus.Succeeded, r.Status));
        Assert.Equal(6, results.Select(r => r.ProcessId).Distinct().Count());
        Assert.Empty(await ProcessTable.WaitUntilGoneAsync(results.Select(r => r.ProcessId!.Value), TimeSpan.FromSeconds(10)));
        var state = await client.DescribeAsync();
        Assert.Equal(0, state.WorkersCrashed);
        Assert.Equal(0, state.WorkersRecycled);
    }

    private static async Task<List<int>> RunInTurnAsync(HostClient client, int count)
    {
        var pids = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var result = await client.RunAsync("cpu.squares", Pieces.Squares(1000));
            Assert.Equal(TaskRunStatus.Succeeded, result.Status);
            pids.Add(result.ProcessId!.Value);
        }

        return pids;
    }
}
