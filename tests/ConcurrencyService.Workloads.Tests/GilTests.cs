using ConcurrencyService.Workloads.Execution;

namespace ConcurrencyService.Workloads.Tests;

public sealed class GilTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task Enter_WhileAnotherPieceHoldsIt_WaitsForTheRelease_AndCountsTheWait()
    {
        var gil = new Gil(Interval);
        var first = gil.Enter(CancellationToken.None);
        var second = Task.Factory.StartNew(() => gil.Enter(CancellationToken.None), TaskCreationOptions.LongRunning);

        QueueUntil(gil, waiting: 1);
        Assert.False(second.IsCompleted, "the second piece must wait while the first holds the GIL");
        first.Dispose();
        using var hold = await second.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.Zero, first.WaitTime);
        Assert.True(hold.WaitTime > TimeSpan.Zero, $"waited {hold.WaitTime}");
        Assert.Equal(1, gil.HandOffs);
    }

    [Fact]
    public void CpuPieces_UnderOneGil_NeverRunAtOnce_AndTakeTurnsAtTheSwitchInterval()
    {
        var gil = new Gil(Interval);
        var inside = 0;
        var overlaps = 0;
        var steps = new long[2];

        // Each piece spins until it has made 1,000 steps and seen the other make one: whichever holds the GIL first
        // must hand it over at a checkpoint (turn 1), and the other usually hands it back when it is done (turn 2).
        void Spin(int me)
        {
            using var hold = gil.Enter(CancellationToken.None);
            while (Volatile.Read(ref steps[me]) < 1000 || Volatile.Read(ref steps[1 - me]) == 0)
            {
                if (Interlocked.Exchange(ref inside, me + 1) != 0)
                {
                    Interlocked.Increment(ref overlaps);
                }

                Interlocked.Increment(ref steps[me]);
                Volatile.Write(ref inside, 0);
                hold.Checkpoint();
            }
        }

        var threads = new[] { new Thread(() => Spin(0)), new Thread(() => Spin(1)) };
        Array.ForEach(threads, t => t.Start());
        Array.ForEach(threads, t => t.Join());

        Assert.Equal(0, overlaps);
        // Turn 1 is forced: the first holder cannot finish until the other has made a step. Turn 2 is not: when the first
        // holder is descheduled between handing over and queueing up again, the other may finish and free the GIL with
        // nobody waiting, and the first takes it back uncontended (seen on a loaded two-core machine).
        Assert.True(gil.HandOffs >= 1, $"the pieces should have taken turns; hand-offs: {gil.HandOffs}");
    }

    [Fact]
    public async Task WaitOutsideAsync_LetsAnotherPieceHoldTheGilDuringTheWait()
    {
        var gil = new Gil(Interval);
        using var sleeper = gil.Enter(CancellationToken.None);
        var wait = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var sleeping = sleeper.WaitOutsideAsync(new ValueTask(wait.Task));
        var other = await Task.Factory.StartNew(() => gil.Enter(CancellationToken.None), TaskCreationOptions.LongRunning)
            .WaitAsync(TimeSpan.FromSeconds(10));
        var resumed = Task.Run(async () => await sleeping);
        wait.SetResult();
        await Task.Delay(50);
        Assert.False(resumed.IsCompleted, "after its wait the piece needs the GIL back, which the other one holds");
        other.Dispose();

        await resumed.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Enter_CancelledWhileWaiting_Throws_AndLeavesTheQueue()
    {
        var gil = new Gil(Interval);
        var holder = gil.Enter(CancellationToken.None);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Task.Factory.StartNew(() => gil.Enter(cancellation.Token), TaskCreationOptions.LongRunning).WaitAsync(TimeSpan.FromSeconds(10)));

        holder.Dispose();
        using var next = gil.Enter(CancellationToken.None); // free again: the cancelled waiter was not handed the GIL
        Assert.Equal(0, gil.HandOffs);
    }

    [Fact]
    public void Checkpoint_WithNobodyWaiting_NeverSwitches()
    {
        var gil = new Gil(TimeSpan.FromTicks(1));
        using var hold = gil.Enter(CancellationToken.None);

        for (var i = 0; i < 10_000; i++)
        {
            hold.Checkpoint();
        }

        Assert.Equal(0, gil.HandOffs);
        Assert.Equal(TimeSpan.Zero, hold.WaitTime);
    }

    [Fact]
    public void Waiters_AreServedFirstComeFirstServed()
    {
        var gil = new Gil(Interval);
        var holder = gil.Enter(CancellationToken.None);
        var order = new List<int>();
        var threads = Enumerable.Range(0, 3).Select(i => new Thread(() =>
        {
            using var hold = gil.Enter(CancellationToken.None);
            order.Add(i); // only the holder writes
        })).ToList();
        for (var i = 0; i < threads.Count; i++)
        {
            threads[i].Start();
            QueueUntil(gil, waiting: i + 1); // queue them in order
        }

        holder.Dispose();
        threads.ForEach(t => t.Join());

        Assert.Equal([0, 1, 2], order);
    }

    [Fact]
    public void Context_WithoutGil_CheckpointOnlyChecksCancellation()
    {
        using var scratch = new ScratchDirectory();
        var context = scratch.Context();

        context.Checkpoint(CancellationToken.None);

        Assert.Null(context.Gil);
        Assert.Throws<OperationCanceledException>(() => context.Checkpoint(new CancellationToken(canceled: true)));
    }

    /// <summary>Waits (without a time bound that could fail on a busy machine, but with a hang guard) until this many pieces queue.</summary>
    private static void QueueUntil(Gil gil, int waiting) =>
        Assert.True(SpinWait.SpinUntil(() => gil.Waiting >= waiting, TimeSpan.FromSeconds(30)), $"{gil.Waiting} of {waiting} pieces queued");
}
