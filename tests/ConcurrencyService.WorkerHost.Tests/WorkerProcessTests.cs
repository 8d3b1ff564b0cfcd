using System.Diagnostics;
using ConcurrencyService.WorkerHost.Tests.Infrastructure;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Protocol;

namespace ConcurrencyService.WorkerHost.Tests;

/// <summary>The worker on its own: its executable, found as the host finds it, spoken to over its pipes.</summary>
public sealed class WorkerProcessTests
{
    [Fact]
    public async Task Worker_SpeaksTheProtocolOverStdio_AndExitsWhenStdinCloses()
    {
        var info = WorkerStartInfo();
        using var worker = Process.Start(info)!;
        try
        {
            var input = worker.StandardInput.BaseStream;
            var output = worker.StandardOutput.BaseStream;
            var ready = (await ReadAsync(output)).Read<WorkerReady>();
            Assert.Equal(worker.Id, ready.ProcessId);
            Assert.NotEqual(worker.Id, ready.ThreadId); // the task thread, not the main thread

            await Frames.WriteAsync(input, FrameType.RunTask, new RunTaskMessage(7, "cpu.squares", Pieces.Encode("cpu.squares", Pieces.Squares(1000))), CancellationToken.None);
            var completed = (await ReadAsync(output)).Read<TaskCompletedMessage>();
            Assert.Equal(7, completed.TaskId);
            Assert.Equal(TaskRunStatus.Succeeded, completed.Status);
            Assert.Equal(ready.ThreadId, completed.ThreadId);
            Assert.Equal(worker.Id, completed.ProcessId);
            Assert.Null(completed.Worker);

            await Frames.WriteAsync(input, FrameType.RunTask, new RunTaskMessage(8, "debug.crash", Pieces.Encode("debug.crash", Pieces.Crash("exit"))), CancellationToken.None);
            var refused = (await ReadAsync(output)).Read<TaskCompletedMessage>();
            Assert.Equal(TaskRunStatus.Failed, refused.Status);
            Assert.Contains("fault workloads are disabled", refused.Error, StringComparison.Ordinal);

            worker.StandardInput.Close();
            await worker.WaitForExitAsync().WaitAsync(HostClient.Guard);
            Assert.Equal(0, worker.ExitCode);
        }
        finally
        {
            if (!worker.HasExited)
            {
                worker.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Worker_WithAnUnknownArgument_ExitsWithUsage()
    {
        var info = WorkerStartInfo();
        info.ArgumentList.Add("--bogus");
        using var worker = Process.Start(info)!;
        try
        {
            var stderr = await worker.StandardError.ReadToEndAsync().WaitAsync(HostClient.Guard);
            await worker.WaitForExitAsync().WaitAsync(HostClient.Guard);

            Assert.Equal(2, worker.ExitCode);
            Assert.Contains("--bogus", stderr, StringComparison.Ordinal);
        }
        finally
        {
            // A guard that timed out must not leave the worker running after the test.
            if (!worker.HasExited)
            {
                worker.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Worker_WithTheVersionFlag_PrintsItsProtocolVersionAndExits()
    {
        var info = WorkerStartInfo();
        info.ArgumentList.Add(WorkerArguments.VersionFlag);
        using var worker = Process.Start(info)!;
        try
        {
            var stdout = await worker.StandardOutput.ReadToEndAsync().WaitAsync(HostClient.Guard);
            await worker.WaitForExitAsync().WaitAsync(HostClient.Guard);

            Assert.Equal(0, worker.ExitCode);
            Assert.Equal($"ConcurrencyService.Worker, protocol {HostHello.CurrentVersion}\n", stdout);
        }
        finally
        {
            if (!worker.HasExited)
            {
                worker.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Worker_GivenAPluginWhoseBuildDiffersFromTheHosts_RefusesToStart_NamingIt()
    {
        var plugin = Path.Combine(AppContext.BaseDirectory, "ConcurrencyService.Workloads.dll"); // any assembly: the hash is checked first
        var start = WorkerStart.Prepare(
            WorkerStart.Locate(AppContext.BaseDirectory, plugins: true),
            new WorkerArguments(FaultWorkloads: false, HttpAllowlist: [], Plugins: [new PluginArgument(plugin, "0123abcd")]),
            maxHeapMbPerChild: 0);

        var (exitCode, _, error) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(1));

        Assert.Equal(2, exitCode);
        Assert.Contains($"Plugin '{plugin}' is another build than the worker host's", error, StringComparison.Ordinal);
    }

    private static async Task<Frame> ReadAsync(Stream output)
    {
        var frame = await Frames.ReadAsync(output, CancellationToken.None).AsTask().WaitAsync(HostClient.Guard);
        Assert.NotNull(frame);
        return frame;
    }

    // As the host's pool starts one: the same executable, pipes and runtime settings, without fault workloads.
    private static ProcessStartInfo WorkerStartInfo() =>
        WorkerStart.Prepare(WorkerStart.Locate(AppContext.BaseDirectory), new WorkerArguments(FaultWorkloads: false, HttpAllowlist: [], Plugins: []), maxHeapMbPerChild: 0);
}
