using ConcurrencyService.WorkerHost.Tests.Infrastructure;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.WorkerHost.Tests;

/// <summary>IO workloads in a worker process: awaits resume on its task thread, and the host's HTTP allowlist reaches it.</summary>
public sealed class IoWorkloadTests
{
    [Fact]
    public async Task IoWorkloads_InAWorker_SleepOnItsTaskThread_AndFetchOnlyUnderTheHostsAllowlist()
    {
        await using var server = new LoopbackServer();
        await using var host = await WorkerHostProcess.StartAsync("--Pool:Workers=1", $"--Pool:HttpAllowlist:0={server.BaseAddress}allowed/");
        await using var client = await host.ConnectAsync();
        var thread = (await client.WaitForIdleWorkersAsync()).Workers[0].ThreadId;

        var slept = await client.RunAsync("io.sleep", new SleepWorkload.Piece(20));
        var fetched = await client.RunAsync("io.http", new HttpWorkload.Piece($"{server.BaseAddress}allowed/page"));
        var refused = await client.RunAsync("io.http", new HttpWorkload.Piece($"{server.BaseAddress}elsewhere"));

        Assert.Equal(TaskRunStatus.Succeeded, slept.Status);
        Assert.Equal(thread, slept.ThreadId);
        Assert.Equal(TaskRunStatus.Succeeded, fetched.Status);
        Assert.Equal(new HttpWorkload.Output(200, 5), Pieces.Output("io.http", fetched));
        Assert.Equal(TaskRunStatus.Failed, refused.Status);
        Assert.Contains("is not under an allowed base URL", refused.Error, StringComparison.Ordinal);
    }
}
