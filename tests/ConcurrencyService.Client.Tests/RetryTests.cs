using ConcurrencyService.Testing;
using System.Net;
using ConcurrencyService.Client;
using Refit;

namespace ConcurrencyService.Client.Tests;

/// <summary>
/// What the client retries, and after how long: 429 after Retry-After, up to a cap; network failures only when the
/// request can be repeated (an idempotent method, or a POST carrying an Idempotency-Key).
/// </summary>
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
    public async Task SubmitJob_WhenTheQueueIsFull_RetriesAfterRetryAfterWithTheSameKeyAndSucceedsOnceThereIsRoom()
    {
        await using var server = ClientServer.Start(FullQueue(retryAfterSeconds: 1));
        var (blocker, queued) = await FillQueueAsync(server.Client);

        var submit = server.Client.SubmitJobAsync(Small);
        await server.Attempts.Seen(HttpStatusCode.TooManyRequests).WaitAsync(TimeSpan.FromSeconds(30));
        await CancelAsync(server.Client, queued);
        using var accepted = await submit;

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var posts = server.Attempts.Of(HttpMethod.Post).Where(a => a.Body!.Contains("cpu.squares", StringComparison.Ordinal)).ToList();
        Assert.Equal(HttpStatusCode.TooManyRequests, posts[0].Status);
        Assert.Equal(HttpStatusCode.Accepted, posts[^1].Status);
        // The retry waited for the Retry-After (1 s, less what a timer may end early by; a lower bound, so a busy machine
        // cannot break it).
        Assert.True(posts[1].At - posts[0].At >= TimerTick.AtLeast(TimeSpan.FromSeconds(1)), $"Retried {posts[1].At - posts[0].At} after a 429 that said Retry-After: 1.");
        Assert.NotNull(posts[0].IdempotencyKey);
        Assert.All(posts, p => Assert.Equal(posts[0].IdempotencyKey, p.IdempotencyKey));
        await CancelAsync(server.Client, blocker);
        Assert.Equal(JobStatus.Succeeded, (await server.Client.WaitForJobAsync(accepted.Content!.Id, TimeSpan.FromSeconds(30))).Status);
    }

    [Fact]
    public async Task SubmitJob_WhenTheQueueStaysFull_AnswersTheTooManyRequestsProblemAfterTheRetries()
    {
        await using var server = ClientServer.Start(FullQueue(retryAfterSeconds: 1), o => o.MaxRetryAttempts = 2);
        var (running, queued) = await FillQueueAsync(server.Client);

        using var response = await server.Client.SubmitJobAsync(Small);
        var thrown = await Assert.ThrowsAsync<ConcurrencyServiceException>(() => server.Client.SubmitAndWaitAsync(Small));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var error = Assert.IsType<ConcurrencyServiceException>(response.Error);
        Assert.Equal(429, error.Status);
        Assert.Equal("The queue is full.", error.Problem?.Title);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.StartsWith("429 The queue is full.", error.Message, StringComparison.Ordinal);
        Assert.Equal(429, thrown.Status);
        Assert.Equal(6, server.Attempts.Of(HttpMethod.Post).Count(a => a.Status == HttpStatusCode.TooManyRequests));
        await CancelAsync(server.Client, queued);
        await CancelAsync(server.Client, running);
    }

    [Fact]
    public async Task SubmitJob_WhenRetryAfterIsLongerThanTheClientWaits_AnswersAtOnce()
    {
        await using var server = ClientServer.Start(FullQueue(retryAfterSeconds: 120), o => o.MaxRetryAfter = TimeSpan.FromSeconds(5));
        var (running, queued) = await FillQueueAsync(server.Client);

        using var response = await server.Client.SubmitJobAsync(Small);

        Assert.Equal(TimeSpan.FromSeconds(120), Assert.IsType<ConcurrencyServiceException>(response.Error).RetryAfter);
        Assert.Single(server.Attempts.Of(HttpMethod.Post), a => a.Status == HttpStatusCode.TooManyRequests);
        await CancelAsync(server.Client, queued);
        await CancelAsync(server.Client, running);
    }

    [Fact]
    public async Task NetworkFailure_RetriesReadsAndKeyedSubmissionsButNeverAPostWithoutAKey()
    {
        var (client, attempts, services) = ClientServer.ForClosedPort(o => (o.MaxRetryAttempts, o.RetryDelay) = (2, TimeSpan.FromMilliseconds(10)));
        await using var _ = services;

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetJobAsync(Guid.NewGuid()));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.RunExperimentPresetAsync("primes-pool"));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.SubmitJobAsync(Small));

        Assert.All(attempts.All, a => Assert.Null(a.Status));
        Assert.Equal(3, attempts.Of(HttpMethod.Get).Count);
        // A preset run carries no Idempotency-Key, so after a network failure it is never sent again.
        var preset = Assert.Single(attempts.Of(HttpMethod.Post), a => a.Path.Contains("presets", StringComparison.Ordinal));
        Assert.Null(preset.IdempotencyKey);
        // A submission carries one (the same on every attempt), so the server can tell a retry from a new job.
        var submissions = attempts.Of(HttpMethod.Post).Where(a => a.Path == "/api/jobs").ToList();
        Assert.Equal(3, submissions.Count);
        Assert.NotNull(submissions[0].IdempotencyKey);
        Assert.All(submissions, s => Assert.Equal(submissions[0].IdempotencyKey, s.IdempotencyKey));
    }

    /// <summary>One job running on the only worker and one waiting: the queue (capacity 1) is full.</summary>
    private static async Task<(Guid Running, Guid Queued)> FillQueueAsync(IConcurrencyServiceApi client)
    {
        var running = await SubmitAsync(client, Blocker);
        await WaitUntilRunningAsync(client, running);
        return (running, await SubmitAsync(client, Blocker));
    }

    private static async Task<Guid> SubmitAsync(IConcurrencyServiceApi client, SubmitJobRequest request)
    {
        using var response = await client.SubmitJobAsync(request);
        await response.EnsureSuccessfulAsync();
        return response.Content!.Id;
    }

    private static async Task CancelAsync(IConcurrencyServiceApi client, Guid id)
    {
        using var response = await client.CancelJobAsync(id);
        await response.EnsureSuccessfulAsync();
    }

    private static async Task WaitUntilRunningAsync(IConcurrencyServiceApi client, Guid id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await client.GetJobAsync(id, cancellationToken: timeout.Token)).Status == JobStatus.Queued)
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
