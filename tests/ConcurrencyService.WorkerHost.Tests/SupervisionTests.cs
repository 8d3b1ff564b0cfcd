using System.Diagnostics;
using System.Text.RegularExpressions;
using ConcurrencyService.WorkerHost.Tests.Infrastructure;
using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.WorkerHost.Tests;

/// <summary>The host's life and its workers': backoff on start failures, no orphans, embedded mode, graceful stop.</summary>
public sealed partial class SupervisionTests
{
    private static readonly TimeSpan GoneWithin = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task StartFailures_AreReportedAsAProblem_AndRetriedWithBackoffNotInALoop()
    {
        // A 1 MiB GC heap limit is too small for the runtime to start: every worker dies before it is ready.
        await using var host = await WorkerHostProcess.StartAsync(
            "--Pool:Workers=1", "--Pool:MaxHeapMbPerChild=1", "--Pool:RestartBackoffInitial=00:00:00.2", "--Pool:RestartBackoffMax=00:00:01");
        await using var client = await host.ConnectAsync();

        var failing = await client.WaitForAsync(s => FailureCount(s) >= 2, "two start failures in a row");
        var window = Stopwatch.StartNew();
        Assert.Matches(@"^worker-1: \d+ consecutive start failures; (next attempt in \d+\.\d s|starting again now) \(last: pid \d+ ", failing.Problem);
        Assert.Contains("Failed to create CoreCLR", failing.Workers[0].LastExit, StringComparison.Ordinal);
        Assert.Null(failing.Workers[0].ProcessId);

        // Retried: wait for a further attempt (on a loaded machine a start may take long to fail), then look over at
        // least 3 s. Delays of 0.2, 0.4, 0.8, then 1 s: attempts at least 0.2 s apart, never a loop (one more allowed
        // for the host's snapshots being taken a little before this test reads them).
        await client.WaitForAsync(s => s.Workers[0].Restarts > failing.Workers[0].Restarts, "a further start attempt");
        if (TimeSpan.FromSeconds(3) - window.Elapsed is var rest && rest > TimeSpan.Zero)
        {
            await Task.Delay(rest);
        }

        var later = await client.DescribeAsync();
        var attempts = later.Workers[0].Restarts - failing.Workers[0].Restarts;
        Assert.InRange(attempts, 1, 2 + (int)(window.Elapsed / TimeSpan.FromSeconds(0.2)));
        Assert.True(later.WorkersCrashed >= FailureCount(later));
    }

    [Fact]
    public async Task HostKilledWithSigkill_LeavesNoWorkerProcessAlive()
    {
        await using var host = await WorkerHostProcess.StartAsync("--Pool:Workers=2", "--Diagnostics:FaultWorkloads=true");
        await using var client = await host.ConnectAsync();
        var idle = await client.WaitForIdleWorkersAsync();
        var busy = await client.SubmitAsync("debug.hang", Pieces.Hang(60_000)); // a worker in the middle of a task must go too
        await busy.Started.WaitAsync(HostClient.Guard);

        host.KillAlone();

        Assert.Empty(await ProcessTable.WaitUntilGoneAsync(idle.Workers.Select(w => w.ProcessId!.Value), GoneWithin));
    }

    [Fact]
    public async Task EmbeddedHost_WhoseParentProcessDies_ExitsWithItsWorkers()
    {
        using var parent = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        try
        {
            await using var host = await WorkerHostProcess.StartAsync("--Pool:Workers=2", $"--WorkerHost:ParentProcessId={parent.Id}");
            await using var client = await host.ConnectAsync();
            var workers = (await client.WaitForIdleWorkersAsync()).Workers.Select(w => w.ProcessId!.Value).ToList();

            parent.Kill();

            Assert.True(await host.WaitForExitAsync(HostClient.Guard), host.Log);
            Assert.Contains("parent process", host.Log, StringComparison.Ordinal);
            Assert.Empty(await ProcessTable.WaitUntilGoneAsync(workers, GoneWithin));
        }
        finally
        {
            if (!parent.HasExited)
            {
                parent.Kill();
            }
        }
    }

    [Fact]
    public async Task EmbeddedHost_WhenItsFirstConnectionCloses_ExitsWithItsWorkers()
    {
        await using var host = await WorkerHostProcess.StartAsync("--Pool:Workers=2", $"--WorkerHost:ParentProcessId={Environment.ProcessId}");
        var client = await host.ConnectAsync();
        var workers = (await client.WaitForIdleWorkersAsync()).Workers.Select(w => w.ProcessId!.Value).ToList();

        await client.DisposeAsync();

        Assert.True(await host.WaitForExitAsync(HostClient.Guard), host.Log);
        Assert.Empty(await ProcessTable.WaitUntilGoneAsync(workers, GoneWithin));
    }

    [Fact]
    public async Task Sigterm_StopsWorkersPolitelyAndDeletesTheSocket()
    {
        await using var host = await WorkerHostProcess.StartAsync("--Pool:Workers=2");
        List<int> workers;
        await using (var client = await host.ConnectAsync())
        {
            workers = [.. (await client.WaitForIdleWorkersAsync()).Workers.Select(w => w.ProcessId!.Value)];
            Assert.Equal(TaskRunStatus.Succeeded, (await client.RunAsync("cpu.squares", Pieces.Squares(10))).Status);
        }

        host.Terminate();

        Assert.True(await host.WaitForExitAsync(HostClient.Guard), host.Log);
        Assert.Equal(0, host.ExitCode);
        Assert.False(File.Exists(host.SocketPath));
        Assert.Empty(await ProcessTable.WaitUntilGoneAsync(workers, GoneWithin));
    }

    [Fact]
    public async Task InvalidOptions_StopTheHostAtStartWithTheReason()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => WorkerHostProcess.StartAsync("--Pool:Workers=0", "--Pool:Mode=fork"));

        Assert.Contains("exited with code 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Workers", error.Message, StringComparison.Ordinal);
        Assert.Contains("Pool:Mode must be 'warm' or 'spawn'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondHost_OnASocketALiveHostOwns_ExitsNonZeroAndTheFirstKeepsServing()
    {
        await using var first = await WorkerHostProcess.StartAsync("--Pool:Workers=1");

        var info = WorkerHostProcess.CreateStartInfo();
        info.ArgumentList.Add("--Pool:Workers=1");
        info.ArgumentList.Add($"--WorkerHost:SocketPath={first.SocketPath}");
        using var second = Process.Start(info)!;
        var output = second.StandardOutput.ReadToEndAsync();
        var error = await second.StandardError.ReadToEndAsync().WaitAsync(HostClient.Guard);
        await second.WaitForExitAsync().WaitAsync(HostClient.Guard);

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("Another worker host is listening", error, StringComparison.Ordinal);
        Assert.DoesNotContain("ready: pid", await output, StringComparison.Ordinal); // it started no worker
        await using var client = await first.ConnectAsync();
        Assert.Equal(TaskRunStatus.Succeeded, (await client.RunAsync("cpu.squares", Pieces.Squares(10))).Status);
    }

    [Fact]
    public async Task StaleSocketFile_IsReplaced_AndTheNewSocketIsOwnerOnly()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cswh-{Guid.NewGuid():N}"[..17] + ".sock");
        await File.WriteAllTextAsync(path, "left behind by a host that was SIGKILLed");

        await using var host = await WorkerHostProcess.StartAsync("--Pool:Workers=1", $"--WorkerHost:SocketPath={path}");
        await using var client = await host.ConnectAsync();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(TaskRunStatus.Succeeded, (await client.RunAsync("cpu.squares", Pieces.Squares(10))).Status);
    }

    private static int FailureCount(Workloads.Protocol.PoolState state) =>
        state.Problem is { } problem && FailuresPattern().Match(problem) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"(\d+) consecutive start failures")]
    private static partial Regex FailuresPattern();
}
