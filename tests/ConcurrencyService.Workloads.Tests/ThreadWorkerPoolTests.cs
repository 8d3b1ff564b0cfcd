using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.Workloads.Tests;

/// <summary>Stopping the thread workers while a task that ignores cancellation still runs.</summary>
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
}
