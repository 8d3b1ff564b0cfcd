using System.Net;
using ConcurrencyService.Client;

namespace ConcurrencyService.Client.Tests;

/// <summary>What the client retries, and after how long: 429 after Retry-After; network failures only when safe.</summary>
public sealed class RetryTests
{
    // Holds the only thread worker (~10 s of CPU) until cancelled; an io.sleep would give the thread back while it waits.
    private static SubmitJobRequest Blocker => new()
    {
        Workload = "cpu.countdown",
        Parameters = new Dictionary<string, object> { ["from"] = 10_000_000_000 },
        TimeoutMs = 60_000,
    };

    private static SubmitJobRequest Small => new() { Workload = "cpu.squares" };

    private static Dictionary<string, string?> FullQueue(int retryAfterSeconds) => new()
    {
        ["Executors:Threads:Workers"] = "1",
        ["Queue:Capacity"] = "1",
        ["Queue:RetryAfterSeconds"] = $"{retryAfterSeconds}",
    };

    [Fact]
    public async Task SubmitJob_WhenTheQueueIsFull_RetriesAfterRetryAfterAndSucceedsOnceThereIsRoom()
    {
        await using var server = ClientServer.Start(FullQueue(retryAfterSeconds: 1));
        var (blocker, queued) = await FillQueueAsync(server.Client);

        var submit = server.Client.SubmitJobAsync(Small);
        await server.Attempts.Seen(HttpStatusCode.TooManyRequests).WaitAsync(TimeSpan.FromSeconds(30));
        await server.Client.CancelJobAsync(queued);
        var accepted = await submit;

        var posts = server.Attempts.Of(HttpMethod.Post).Where(a => a.Body!.Contains("cpu.squares", StringComparison.Ordinal)).ToList();
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.Accepted], posts.Select(a => a.Status!.Value));
        Assert.True(posts[1].At - posts[0].At >= TimeSpan.FromSeconds(0.9), $"Retried {posts[1].At - posts[0].At} after a 429 that said Retry-After: 1.");
        await server.Client.CancelJobAsync(blocker);
        Assert.Equal(JobStatus.Succeeded, (await server.Client.WaitForJobAsync(accepted.Id, TimeSpan.FromSeconds(30))).Status);
    }

    [Fact]
    public async Task SubmitJob_WhenTheQueueStaysFull_ThrowsTheTooManyRequestsProblemAfterTheRetries()
    {
        await using var server = ClientServer.Start(FullQueue(retryAfterSeconds: 1), o => o.MaxRetryAttempts = 2);
        var jobs = await FillQueueAsync(server.Client);

        var error = await Assert.ThrowsAsync<ConcurrencyServiceException<ProblemDetails>>(() => server.Client.SubmitJobAsync(Small));

        Assert.Equal(429, error.StatusCode);
        Assert.Equal("The queue is full.", error.Problem?.Title);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.Equal(3, server.Attempts.Of(HttpMethod.Post).Count(a => a.Status == HttpStatusCode.TooManyRequests));
        await CancelAsync(server.Client, jobs);
    }

    [Fact]
    public async Task SubmitJob_WhenRetryAfterIsLongerThanTheClientWaits_ThrowsAtOnce()
    {
        await using var server = ClientServer.Start(FullQueue(retryAfterSeconds: 120), o => o.MaxRetryAfter = TimeSpan.FromSeconds(5));
        var jobs = await FillQueueAsync(server.Client);

        var error = await Assert.ThrowsAsync<ConcurrencyServiceException<ProblemDetails>>(() => server.Client.SubmitJobAsync(Small));

        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Single(server.Attempts.Of(HttpMethod.Post), a => a.Status == HttpStatusCode.TooManyRequests);
        await CancelAsync(server.Client, jobs);
    }

    [Fact]
    public async Task NetworkFailure_RetriesReadsButNeverASubmission()
    {
        var (client, attempts, services) = ClientServer.ForClosedPort(o => (o.MaxRetryAttempts, o.RetryDelay) = (2, TimeSpan.FromMilliseconds(10)));
        await using var _ = services;

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetJobAsync(Guid.NewGuid()));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.SubmitJobAsync(Small));

        Assert.Equal(3, attempts.Of(HttpMethod.Get).Count);
        Assert.Single(attempts.Of(HttpMethod.Post));
        Assert.All(attempts.All, a => Assert.Null(a.Status));
    }

    /// <summary>One job running on the only worker and one waiting: the queue (capacity 1) is full.</summary>
    private static async Task<(Guid Running, Guid Queued)> FillQueueAsync(IConcurrencyServiceClient client)
    {
        var running = (await client.SubmitJobAsync(Blocker)).Id;
        await WaitUntilRunningAsync(client, running);
        var queued = (await client.SubmitJobAsync(Blocker)).Id;
        return (running, queued);
    }

    private static async Task CancelAsync(IConcurrencyServiceClient client, (Guid Running, Guid Queued) jobs)
    {
        await client.CancelJobAsync(jobs.Queued);
        await client.CancelJobAsync(jobs.Running);
    }

    private static async Task WaitUntilRunningAsync(IConcurrencyServiceClient client, Guid id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await client.GetJobAsync(id, cancellationToken: timeout.Token)).Status == JobStatus.Queued)
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
