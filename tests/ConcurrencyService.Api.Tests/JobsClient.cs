using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests;

/// <summary>Raw HTTP helpers for the jobs API; the tests read the JSON the server sends, not a shared model.</summary>
public sealed class JobsClient(HttpClient http)
{
    public HttpClient Http => http;

    public async Task<HttpResponseMessage> PostJsonAsync(string json) =>
        await http.PostAsync(new Uri("/api/jobs", UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>Submits and returns the job id, asserting 202.</summary>
    public async Task<Guid> SubmitAsync(object request)
    {
        using var response = await http.PostAsJsonAsync(new Uri("/api/jobs", UriKind.Relative), request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["id"]!.GetValue<Guid>();
    }

    public async Task<JsonObject> GetAsync(Guid id, int waitMs = 0)
    {
        var json = await http.GetStringAsync(new Uri($"/api/jobs/{id}?waitMs={waitMs}", UriKind.Relative));
        return JsonNode.Parse(json)!.AsObject();
    }

    /// <summary>
    /// Long-polls until the job is final, failing the test after <paramref name="limit"/> (a hang guard, not a timing
    /// assertion). With <paramref name="retryUnavailable"/>, a 503 (its storage did not answer in time, as the API says
    /// with Retry-After) is retried a second later, as a client should.
    /// </summary>
    public async Task<JsonObject> WaitAsync(Guid id, TimeSpan? limit = null, bool retryUnavailable = false)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            JsonObject job;
            try
            {
                job = await GetAsync(id, waitMs: 10_000);
            }
            catch (HttpRequestException ex) when (retryUnavailable && ex.StatusCode == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                continue;
            }

            if (IsFinal(job))
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Job {id} did not finish: {job.ToJsonString()}");
        }
    }

    /// <summary>Waits until the job is running (or final), polling briefly.</summary>
    public async Task<JsonObject> WaitUntilStartedAsync(Guid id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var job = await GetAsync(id);
            if (Status(job) != "queued")
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Job {id} never started.");
            await Task.Delay(20);
        }
    }

    public async Task<JsonObject> RunAsync(object request) => await WaitAsync(await SubmitAsync(request));

    public static string Status(JsonObject job) => job["status"]!.GetValue<string>();

    public static bool IsFinal(JsonObject job) => Status(job) is not ("queued" or "running");

    public static async Task<JsonObject> ReadProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
