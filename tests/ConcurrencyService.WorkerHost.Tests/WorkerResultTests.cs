using System.Text.Json;
using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Protocol;
using ConcurrencyService.WorkerHost.Tests.Infrastructure;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Execution;
using ConcurrencyService.Workloads.Http;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.WorkerHost.Tests;

/// <summary>What a task run through the host's worker processes returns: the same output as in process, and who ran it.</summary>
public sealed class WorkerResultTests(FaultHostFixture fixture) : IClassFixture<FaultHostFixture>
{
    /// <summary>Small, awkward sizes, split into three pieces each.</summary>
    private static readonly Dictionary<string, string> CpuParameters = new(StringComparer.Ordinal)
    {
        ["cpu.primes"] = """{ "below": 100003 }""",
        ["cpu.sqrt"] = """{ "count": 100003 }""",
        ["cpu.squares"] = """{ "iterations": 100003 }""",
        ["cpu.countdown"] = """{ "from": 1000003 }""",
        ["cpu.montecarlo"] = """{ "paths": 50001, "spot": 95, "strike": 100, "volatility": 0.3, "seed": 7 }""",
        ["mixed"] = """{ "cpuMs": 2, "waitMs": 2, "rounds": 7 }""",
    };

    public static TheoryData<string> CpuWorkloads() => [.. CpuParameters.Keys];

    [Fact]
    public void CpuWorkloads_CoverEveryStandardCpuAndMixedWorkload() =>
        Assert.Equal(StandardWorkloads.All.Where(w => w.Kind is WorkloadKind.Cpu or WorkloadKind.Mixed).Select(w => w.Name).Order(), CpuParameters.Keys.Order());

    [Theory]
    [MemberData(nameof(CpuWorkloads))]
    public async Task CpuPiece_RunInAWorkerProcess_OutputsExactlyWhatItOutputsInProcess(string name)
    {
        var workload = StandardWorkloads.All.Single(w => w.Name == name);
        var binding = ParameterBinder.Bind(workload, JsonNode.Parse(CpuParameters[name])!.AsObject());
        var context = new WorkloadContext(new AllowlistHttpFetcher(new HttpClient(), () => []), Path.GetTempPath());

        foreach (var piece in workload.Split(binding.Values!, 3))
        {
            var expected = await workload.RunPieceAsync(piece, context, CancellationToken.None);
            var actual = await fixture.Client.RunAsync(name, piece);

            Assert.Equal(TaskRunStatus.Succeeded, actual.Status);
            // As JSON: records holding lists compare by reference.
            Assert.Equal(JsonSerializer.Serialize(expected, WorkloadJson.Options), JsonSerializer.Serialize(Pieces.Output(name, actual), WorkloadJson.Options));
        }
    }

    [Fact]
    public async Task TaskCompleted_CarriesTheWorkerProcessThreadAndTimings()
    {
        var task = await fixture.Client.SubmitAsync("cpu.squares", Pieces.Squares(2_000_000));
        var started = await task.Started.WaitAsync(HostClient.Guard);
        var completed = await task.Completed.WaitAsync(HostClient.Guard);
        var state = await fixture.Client.DescribeAsync();

        Assert.Equal(TaskRunStatus.Succeeded, completed.Status);
        Assert.Equal(started.ProcessId, completed.ProcessId);
        Assert.Equal(started.Worker, completed.Worker);
        Assert.Matches("^worker-[12]$", completed.Worker);
        Assert.NotEqual(fixture.Host.ProcessId, completed.ProcessId);
        Assert.NotEqual(Environment.ProcessId, completed.ProcessId);
        Assert.Equal(fixture.Host.ProcessId, state.HostProcessId);
        Assert.True(completed.ThreadId > 0);
        Assert.True(completed.DurationMs > 0);
        Assert.NotNull(completed.CpuTimeMs);
        Assert.NotNull(completed.StartedAt);
        Assert.Contains(state.Workers, w => w.ProcessId == completed.ProcessId && w.ThreadId == completed.ThreadId);
    }

    [Fact]
    public async Task TaskStarted_ComesWhileALongTaskRuns()
    {
        // The hang outlasts the guard and ends only when cancelled after its TaskStarted came, so "still running" holds
        // however slow the machine (a 3 s hang left 3 s for it); a TaskStarted held back until the result never comes.
        var task = await fixture.Client.SubmitAsync("debug.hang", Pieces.Hang(120_000));
        var started = await task.Started.WaitAsync(HostClient.Guard);
        var stillRunning = !task.Completed.IsCompleted;
        await fixture.Client.CancelAsync(task.TaskId);
        var completed = await task.Completed.WaitAsync(HostClient.Guard);

        Assert.True(stillRunning, "TaskStarted came only with the task's result.");
        Assert.False(task.ImpliedStart);
        Assert.Equal(TaskRunStatus.Cancelled, completed.Status);
        Assert.Equal($"cancelled; worker process {started.ProcessId} was killed", completed.Error);
        Assert.Equal(completed.Worker, started.Worker);
    }

    [Fact]
    public async Task TaskStarted_IsSentAtMostOnceAndBeforeTheResult_ForTasksEndingAroundTheNoticeDelay()
    {
        // Sizes from a no-op to a few milliseconds, so that results race the host's start-notice timer. The client's
        // reader fails every task on a TaskStarted after its TaskCompleted or a second one (SubmittedTask).
        long[] sizes = [0, 50_000, 200_000, 500_000, 1_000_000, 3_000_000];
        var tasks = new List<SubmittedTask>();
        for (var i = 0; i < 60; i++)
        {
            tasks.Add(await fixture.Client.SubmitAsync("cpu.squares", Pieces.Squares(sizes[i % sizes.Length])));
        }

        foreach (var task in tasks)
        {
            var completed = await task.Completed.WaitAsync(HostClient.Guard);
            var started = await task.Started.WaitAsync(HostClient.Guard);

            Assert.Equal(TaskRunStatus.Succeeded, completed.Status);
            Assert.Equal(completed.ProcessId, started.ProcessId);
            Assert.Equal(completed.Worker, started.Worker);
            Assert.True(task.StartedFrame <= task.CompletedFrame);
        }
    }

    [Fact]
    public async Task Hello_And_Describe_ReportTheConfiguredPool()
    {
        var state = await fixture.Client.WaitForIdleWorkersAsync();

        Assert.Equal(HostHello.CurrentVersion, fixture.Client.Hello.ProtocolVersion);
        Assert.Equal(fixture.Host.ProcessId, fixture.Client.Hello.ProcessId);
        Assert.Equal("warm", fixture.Client.Hello.Mode);
        Assert.Equal(2, fixture.Client.Hello.PoolSize);
        Assert.Equal("warm", state.Mode);
        Assert.Equal(["worker-1", "worker-2"], state.Workers.Select(w => w.Name));
        Assert.All(state.Workers, w => Assert.True(w.ResidentMemoryBytes > 0));
        Assert.Null(state.Problem);
    }

    [Fact]
    public async Task PieceThatIsNotOne_FailsItsTaskNamingTheWorkload_AndNoWorkerDies()
    {
        var crashedBefore = (await fixture.Client.DescribeAsync()).WorkersCrashed;

        var corrupt = await (await fixture.Client.SubmitAsync("cpu.squares", [1, 2, 3])).Completed.WaitAsync(HostClient.Guard);
        var next = await fixture.Client.RunAsync("cpu.squares", Pieces.Squares(10));

        Assert.Equal(TaskRunStatus.Failed, corrupt.Status);
        Assert.Contains("cpu.squares piece", corrupt.Error, StringComparison.Ordinal);
        Assert.NotNull(corrupt.ProcessId);
        Assert.Equal(TaskRunStatus.Succeeded, next.Status);
        Assert.Equal(crashedBefore, (await fixture.Client.DescribeAsync()).WorkersCrashed);
    }

    [Fact]
    public async Task UnknownWorkload_FailsItsTaskWithAClearError()
    {
        var completed = await fixture.Client.RunAsync("cpu.nope", Pieces.Squares(1));

        Assert.Equal(TaskRunStatus.Failed, completed.Status);
        Assert.Equal("Unknown workload 'cpu.nope'.", completed.Error);
    }

    [Fact]
    public async Task SecondConnection_OfAStandaloneHost_IsServedAndItsCloseStopsNothing()
    {
        await using (var second = await fixture.Host.ConnectAsync())
        {
            Assert.Equal(TaskRunStatus.Succeeded, (await second.RunAsync("cpu.squares", Pieces.Squares(10))).Status);
        }

        Assert.Equal(TaskRunStatus.Succeeded, (await fixture.Client.RunAsync("cpu.squares", Pieces.Squares(10))).Status);
        Assert.False(fixture.Host.HasExited);
    }
}
