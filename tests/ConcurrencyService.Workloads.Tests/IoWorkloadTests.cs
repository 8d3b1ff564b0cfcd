using System.Diagnostics;
using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Catalog;

namespace ConcurrencyService.Workloads.Tests;

public sealed class IoWorkloadTests
{
    [Fact]
    public async Task Sleep_CancelledToken_ThrowsOperationCanceledQuickly()
    {
        using var scratch = new ScratchDirectory();
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => WorkloadRunner.RunAsync(new SleepWorkload(), """{ "ms": 600000 }""", 1, scratch.Context(), new CancellationToken(canceled: true)));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Sleep_CancelledWhileWaiting_ThrowsOperationCanceledQuickly()
    {
        using var scratch = new ScratchDirectory();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => WorkloadRunner.RunAsync(new SleepWorkload(), """{ "ms": 600000 }""", 1, scratch.Context(), cancellation.Token));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Sleep_WaitsAndReportsMs()
    {
        using var scratch = new ScratchDirectory();
        var stopwatch = Stopwatch.StartNew();

        var result = await WorkloadRunner.RunAsync(new SleepWorkload(), """{ "ms": 60 }""", 2, scratch.Context());

        Assert.Equal("""{"sleptMs":60}""", result.ToJsonString());
        // The two pieces run one after the other here; a timer may end each sleep a little early.
        Assert.True(stopwatch.Elapsed >= 2 * TimerTick.AtLeast(TimeSpan.FromMilliseconds(60)), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task File_RoundTrip_VerifiesAndLeavesNoFileBehind()
    {
        using var scratch = new ScratchDirectory();

        var result = await WorkloadRunner.RunAsync(new FileWorkload(), """{ "bytes": 1000003 }""", 3, scratch.Context());

        Assert.Equal("""{"bytes":1000003,"verified":true}""", result.ToJsonString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch.Path));
    }

    [Fact]
    public async Task File_ZeroBytes_RoundTrips()
    {
        using var scratch = new ScratchDirectory();

        var result = await WorkloadRunner.RunAsync(new FileWorkload(), """{ "bytes": 0 }""", 2, scratch.Context());

        Assert.Equal("""{"bytes":0,"verified":true}""", result.ToJsonString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch.Path));
    }

    [Fact]
    public async Task File_CancelledWhileRunning_LeavesNoFileBehind()
    {
        using var scratch = new ScratchDirectory();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(1));

        try
        {
            await WorkloadRunner.RunAsync(new FileWorkload(), """{ "bytes": 33554432 }""", 1, scratch.Context(), cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            // Expected unless the round trip beat the timer; either way nothing may remain.
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch.Path));
    }

    [Fact]
    public async Task Http_FetchesTheUrlOncePerPiece()
    {
        using var scratch = new ScratchDirectory();
        var fetcher = new FakeHttpFetcher(204, 7);

        var result = await WorkloadRunner.RunAsync(new HttpWorkload(), """{ "url": "http://127.0.0.1:1/api/echo/x" }""", 3, scratch.Context(fetcher));

        Assert.Equal("""{"statusCode":204,"bytes":7}""", result.ToJsonString());
        Assert.Equal(3, fetcher.Requested.Count);
        Assert.All(fetcher.Requested, u => Assert.Equal("http://127.0.0.1:1/api/echo/x", u.AbsoluteUri));
    }

    [Fact]
    public void IoCombine_DifferentOutputs_ListsEachPiece()
    {
        IWorkload workload = new HttpWorkload();
        var values = WorkloadRunner.Bind(workload, """{ "url": "http://127.0.0.1:1/" }""");
        object[] outputs = [new HttpWorkload.Output(200, 5), new HttpWorkload.Output(503, 0)];

        var result = workload.Combine(values, outputs);

        Assert.Equal("""{"pieces":[{"statusCode":200,"bytes":5},{"statusCode":503,"bytes":0}]}""", result.ToJsonString());
    }
}
