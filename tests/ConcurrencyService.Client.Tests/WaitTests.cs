using ConcurrencyService.Client;

namespace ConcurrencyService.Client.Tests;

/// <summary>SubmitAndWaitAsync: waits by long-polling, and stops waiting when told.</summary>
public sealed class WaitTests
{
    [Fact]
    public async Task SubmitAndWait_WhenTheTokenIsCancelled_StopsWaitingAndLeavesTheJobRunning()
    {
        await using var server = ClientServer.Start();
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var request = new SubmitJobRequest { Workload = "io.sleep", Parameters = new Dictionary<string, object> { ["ms"] = 120_000 } };

        var wait = server.Client.SubmitAndWaitAsync(request, stop.Token);

        // Well before the job's 120 s: the wait ends with the token, not with the job or a long-poll.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(20)));
        var job = Assert.Single((await server.Client.ListJobsAsync(workload: "io.sleep")).Items);
        Assert.Equal(JobStatus.Running, job.Status);
        Assert.Equal(JobStatus.Cancelled, (await server.Client.CancelJobAsync(job.Id)).Status);
    }

    [Fact]
    public async Task WaitForJob_LongPollsUntilTheJobEnds_AcrossSeveralPolls()
    {
        await using var server = ClientServer.Start();
        var accepted = await server.Client.SubmitJobAsync(new SubmitJobRequest { Workload = "io.sleep", Parameters = new Dictionary<string, object> { ["ms"] = 1_500 } });

        var job = await server.Client.WaitForJobAsync(accepted.Id, TimeSpan.FromMilliseconds(200));

        Assert.Equal(JobStatus.Succeeded, job.Status);
        var polls = server.Attempts.Of(HttpMethod.Get).Count(a => a.Path.EndsWith(accepted.Id.ToString(), StringComparison.Ordinal));
        Assert.InRange(polls, 2, 100);
    }
}
