using System.Diagnostics;
using System.Net;
using ConcurrencyService.Client;
using Refit;

namespace ConcurrencyService.Client.Tests;

/// <summary>
/// SubmitAndWaitAsync and WaitForJobAsync: they wait by long-polling, answer when the job ends, and stop waiting when
/// told. Each asserts the order of events and the outcome; time appears only as generous limits, never as a bound a
/// busy two-core machine could miss.
/// </summary>
public sealed class WaitTests
{
    private static SubmitJobRequest Sleep(int ms) => new() { Workload = "io.sleep", Parameters = new Dictionary<string, object> { ["ms"] = ms } };

    [Fact]
    public async Task SubmitAndWait_WhenTheTokenIsCancelled_StopsWaitingAndLeavesTheJobRunning()
    {
        await using var server = ClientServer.Start();
        using var stop = new CancellationTokenSource();

        var wait = server.Client.SubmitAndWaitAsync(Sleep(120_000), stop.Token);
        var job = await WaitUntilRunningAsync(server.Client);
        stop.Cancel();

        // The wait ends with the token, not with the job (120 s) or a long-poll (30 s).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(25)));
        Assert.Equal(JobStatus.Running, (await server.Client.GetJobAsync(job)).Status);
        using var cancelled = await server.Client.CancelJobAsync(job);
        Assert.Equal(JobStatus.Cancelled, cancelled.Content!.Status);
    }

    [Fact]
    public async Task WaitForJob_LongPollsUntilTheJobEnds_AcrossSeveralPolls()
    {
        await using var server = ClientServer.Start();
        var id = await SubmitAsync(server.Client, Sleep(120_000));
        bool IsPoll(Attempt a) => a.Method == HttpMethod.Get && a.Path.EndsWith(id.ToString(), StringComparison.Ordinal);

        var wait = server.Client.WaitForJobAsync(id, TimeSpan.FromMilliseconds(200));
        // Two short polls have come back with the job still running; only then does it end.
        await Until(() => server.Attempts.All.Count(IsPoll) >= 2);
        Assert.False(wait.IsCompleted);
        using var _ = await server.Client.CancelJobAsync(id);
        var job = await wait.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(JobStatus.Cancelled, job.Status);
        Assert.True(server.Attempts.All.Count(IsPoll) >= 3, "The wait answered without polling after the job ended.");
    }

    [Fact]
    public async Task WaitForJob_AnswersAsSoonAsTheJobFinishes_NotWhenTheLongPollRunsOut()
    {
        await using var server = ClientServer.Start();
        var id = await SubmitAsync(server.Client, Sleep(500));
        var clock = Stopwatch.StartNew();

        var job = await server.Client.WaitForJobAsync(id, TimeSpan.FromSeconds(60));

        // One long-poll of up to 60 s, answered by the job's end: the answer is the finished job, from that one
        // request, long before the poll would have run out.
        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Single(server.Attempts.Of(HttpMethod.Get), a => a.Path.EndsWith(id.ToString(), StringComparison.Ordinal));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"A 60 s long-poll on a 500 ms job answered after {clock.Elapsed}.");
    }

    private static async Task<Guid> SubmitAsync(IConcurrencyServiceApi client, SubmitJobRequest request)
    {
        using var response = await client.SubmitJobAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return response.Content!.Id;
    }

    private static async Task<Guid> WaitUntilRunningAsync(IConcurrencyServiceApi client)
    {
        Guid? running = null;
        await Until(async () => (running = (await client.ListJobsAsync(status: JobStatus.Running, workload: "io.sleep")).Items.SingleOrDefault()?.Id) is not null);
        return running!.Value;
    }

    private static Task Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));

    // Polls a condition until it holds; the 60 s limit only stops a broken test from hanging.
    private static async Task Until(Func<Task<bool>> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            await Task.Delay(20, limit.Token);
        }
    }
}
