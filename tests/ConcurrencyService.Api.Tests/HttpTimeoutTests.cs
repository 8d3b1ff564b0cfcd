namespace ConcurrencyService.Api.Tests;

/// <summary>
/// <c>Workloads:Http:Timeout</c> bounds the whole of an <c>io.http</c> fetch — the body as well as the headers — on both
/// executors: a server that sends its headers at once and then drips its body a byte a second fails the task when the
/// timeout passes, not when the job's own (much longer) timeout does.
/// </summary>
public sealed class HttpTimeoutTests
{
    [Theory]
    [InlineData("threads")]
    [InlineData("processes")]
    public async Task HttpFetch_OfADrippingBody_FailsAtWorkloadsHttpTimeout(string executor)
    {
        await using var server = new LoopbackServer();
        await using var api = ApiFactory.With(ProcessesApiFactory.Settings(
            ("Workloads:Http:AllowedBaseUrls:0", server.BaseAddress.AbsoluteUri),
            ("Workloads:Http:Timeout", "00:00:02")));
        var jobs = new JobsClient(api.CreateApiClient());
        await ProcessesApiFactory.WaitUntilReadyAsync(jobs.Http);

        // 600 bytes at one a second: ten minutes, and the job may run an hour. Only the fetch's own timeout ends it soon.
        var job = await jobs.RunAsync(new { workload = "io.http", parameters = new { url = server.Url("/api/echo/drip/600").AbsoluteUri }, executor, timeoutMs = 3_600_000 });

        Assert.Equal("failed", JobsClient.Status(job));
        Assert.Equal("taskFailed", job["error"]!["code"]!.GetValue<string>());
        Assert.Contains("Workloads:Http:Timeout", job["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
