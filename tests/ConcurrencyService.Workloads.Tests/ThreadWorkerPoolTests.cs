using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.Workloads.Tests;

/// <summary>Stopping the thread workers while a task that ignores cancellation still runs, and abandoning a worker held by one.</summary>
public sealed class ThreadWorkerPoolTests
{
    [Fact]
    public async Task Stop_WhileATaskOutlivesTheGrace_LetsItFinishAndRunsItsContinuationsElsewhere()
    {
        var pool = new ThreadWorkerPool(1, "test-worker");
        using var gate = new ManualResetEventSlim();
        var started = new TaskCompletionSource();
        var work = Task.Factory.StartNew(
            async () =>
            {
                started.SetResult();
                gate.Wait();
                // A timer completes this after the stop, so its continuation is queued to the stopped pool.
                await Task.Delay(200);
                return ThreadWorkerPool.CurrentWorker?.Name;
            },
            CancellationToken.None,
            TaskCreationOptions.None,
            pool).Unwrap();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(pool.Stop(TimeSpan.FromMilliseconds(50)));
        gate.Set();

        // The continuation after the await could not go back to the stopped pool: it ran on the shared pool.
        Assert.Null(await work.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(pool.Stop(TimeSpan.FromSeconds(30)), "The worker did not exit after its task.");
        pool.Dispose();
    }

    [Fact]
    public async Task Stop_FromOneOfItsOwnWorkers_DoesNotWaitForItself()
    {
        var pool = new ThreadWorkerPool(2, "test-worker");

        // Were it to join its own thread, this would wait out the whole grace; the guard is far shorter.
        var stopped = await Task.Factory.StartNew(() => pool.Stop(TimeSpan.FromMinutes(10)), CancellationToken.None, TaskCreationOptions.None, pool)
            .WaitAsync(TimeSpan.FromMinutes(2));

        Assert.False(stopped); // its own worker was still running the call
        Assert.True(pool.Stop(TimeSpan.FromSeconds(30)), "The workers did not exit.");
    }

    [Fact]
    public async Task Abandon_AWorkerHeldByAPiece_ReplacesIt_AndTheThreadLeavesWhenThePieceLetsGo()
    {
        using var pool = new ThreadWorkerPool(1, "test-worker");
        using var gate = new ManualResetEventSlim();
        var piece = new object();
        var holding = new TaskCompletionSource<ThreadWorker>();
        var held = Task.Factory.StartNew(
            () =>
            {
                ThreadWorkerPool.EnterPiece(piece);
                holding.SetResult(ThreadWorkerPool.CurrentWorker!);
                gate.Wait(); // ignores any cancellation
            },
            CancellationToken.None,
            TaskCreationOptions.None,
            pool);
        var worker = await holding.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, pool.Abandon(new object())); // a piece no worker is running holds nothing
        Assert.Equal(1, pool.Abandon(piece));

        Assert.True(worker.Abandoned);
        var replacement = Assert.Single(pool.Workers);
        Assert.NotSame(worker, replacement);
        Assert.Same(worker, Assert.Single(pool.AbandonedWorkers));
        Assert.Equal(1, pool.AbandonedTotal);
        // The replacement takes work while the abandoned thread is still held.
        var ran = await Task.Factory.StartNew(() => ThreadWorkerPool.CurrentWorker, CancellationToken.None, TaskCreationOptions.None, pool)
            .WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Same(replacement, ran);

        gate.Set();
        await held.WaitAsync(TimeSpan.FromSeconds(30));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (pool.AbandonedWorkers.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Empty(pool.AbandonedWorkers); // its thread left once the piece let go
        Assert.Equal(1, pool.AbandonedTotal);
    }
}
