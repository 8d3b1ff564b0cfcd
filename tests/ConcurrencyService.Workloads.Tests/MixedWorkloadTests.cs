using ConcurrencyService.Workloads.Catalog;
using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.Workloads.Tests;

/// <summary>
/// <c>mixed</c>: its compute is CPU time on the thread's own clock under the GIL, its wait is outside the GIL, both
/// stop when cancelled. No wall-clock bounds: the only time limits are hang guards far above any real run.
/// </summary>
public sealed class MixedWorkloadTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private static readonly IWorkload Mixed = new MixedWorkload();

    [Fact]
    public async Task Piece_ComputesAtLeastItsCpuMs_OfItsOwnCpuTime()
    {
        using var scratch = new ScratchDirectory();
        var piece = Mixed.Split(WorkloadRunner.Bind(Mixed, """{ "cpuMs": 20, "waitMs": 1, "rounds": 3 }"""), 1)[0];

        var result = await PieceRunner.RunAsync(Mixed, piece, scratch.Context(), null, CancellationToken.None);

        Assert.Equal(TaskRunStatus.Succeeded, result.Status);
        Assert.Equal(new MixedWorkload.Output(3, 60, 3), result.Output);
        if (result.CpuTime is { } cpu)
        {
            Assert.True(cpu >= TimeSpan.FromMilliseconds(60), $"3 rounds of 20 ms of CPU took {cpu.TotalMilliseconds} ms of CPU");
        }
    }

    [Fact]
    public async Task Compute_HoldsTheGil_AndHandsItOverAtACheckpoint()
    {
        using var scratch = new ScratchDirectory();
        var gil = new Gil(TimeSpan.FromMilliseconds(1));
        using var cancel = new CancellationTokenSource();
        var piece = Mixed.Split(WorkloadRunner.Bind(Mixed, """{ "cpuMs": 10000, "waitMs": 0, "rounds": 10 }"""), 1)[0];
        var running = Task.Factory.StartNew(
            () => PieceRunner.RunAsync(Mixed, piece, scratch.Context(), null, cancel.Token, gil), TaskCreationOptions.LongRunning).Unwrap();

        // The piece computes for 100 s of CPU. Until it has started this thread may find the lock free; once it has, the
        // lock comes here only after a wait, when the compute hands it over at a checkpoint.
        var waited = TimeSpan.Zero;
        var deadline = DateTime.UtcNow + Guard;
        while (waited == TimeSpan.Zero && DateTime.UtcNow < deadline && !running.IsCompleted)
        {
            using var hold = await Task.Factory.StartNew(() => gil.Enter(CancellationToken.None), TaskCreationOptions.LongRunning).WaitAsync(Guard);
            waited = hold.WaitTime;
            if (waited > TimeSpan.Zero)
            {
                await cancel.CancelAsync(); // while this thread holds the lock: the piece stops at its next checkpoint
            }
            else
            {
                await Task.Delay(10);
            }
        }

        Assert.True(waited > TimeSpan.Zero, "the lock was always free: the compute did not hold it");
        Assert.Equal(TaskRunStatus.Cancelled, (await running.WaitAsync(Guard)).Status);
    }

    [Fact]
    public async Task Wait_ReleasesTheGil()
    {
        using var scratch = new ScratchDirectory();
        var gil = new Gil(TimeSpan.FromMilliseconds(1));
        using var cancel = new CancellationTokenSource();
        var piece = Mixed.Split(WorkloadRunner.Bind(Mixed, """{ "cpuMs": 0, "waitMs": 60000, "rounds": 1 }"""), 1)[0];
        var running = Task.Run(() => PieceRunner.RunAsync(Mixed, piece, scratch.Context(), null, cancel.Token, gil));

        // While the piece waits its 60 s, the lock is free for another piece (the guard is shorter than the wait).
        using (await Task.Factory.StartNew(() => gil.Enter(CancellationToken.None), TaskCreationOptions.LongRunning).WaitAsync(TimeSpan.FromSeconds(30)))
        {
            await cancel.CancelAsync();
        }

        Assert.Equal(TaskRunStatus.Cancelled, (await running.WaitAsync(Guard)).Status);
    }

    [Fact]
    public async Task LongCompute_StopsWhenCancelled()
    {
        using var scratch = new ScratchDirectory();
        using var cancel = new CancellationTokenSource();
        var piece = Mixed.Split(WorkloadRunner.Bind(Mixed, """{ "cpuMs": 10000, "waitMs": 0, "rounds": 50 }"""), 1)[0];
        var started = new TaskCompletionSource();
        var running = Task.Factory.StartNew(
            () => PieceRunner.RunAsync(Mixed, piece, scratch.Context(), _ => started.TrySetResult(), cancel.Token), TaskCreationOptions.LongRunning).Unwrap();

        await started.Task.WaitAsync(Guard);
        await cancel.CancelAsync();

        Assert.Equal(TaskRunStatus.Cancelled, (await running.WaitAsync(Guard)).Status);
    }

    [Fact]
    public void Validate_RefusesAJobLongerThanTheLimit()
    {
        var binding = Parameters.ParameterBinder.Bind(Mixed, System.Text.Json.Nodes.JsonNode.Parse("""{ "cpuMs": 10000, "waitMs": 60000, "rounds": 100 }""")!.AsObject());

        Assert.False(binding.IsValid);
        Assert.Contains("at most 600000 ms", binding.Errors["rounds"], StringComparison.Ordinal);
    }
}
