using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests;

/// <summary>Raw HTTP helpers for the experiments API; like <see cref="JobsClient"/>, the tests read the JSON the server sends.</summary>
public sealed class ExperimentsClient(HttpClient http)
{
    public HttpClient Http => http;

    /// <summary>Posts and returns the accepted body, asserting 202 and a Location that matches its self link.</summary>
    public async Task<JsonObject> PostAcceptedAsync(string url, object? body = null)
    {
        using var response = body is null
            ? await http.PostAsync(new Uri(url, UriKind.Relative), null)
            : await http.PostAsJsonAsync(new Uri(url, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202 from {url}, got {(int)response.StatusCode}: {text}");
        var accepted = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(accepted["links"]!["self"]!.GetValue<string>(), response.Headers.Location!.OriginalString);
        return accepted;
    }

    public async Task<Guid> SubmitAsync(object request) =>
        (await PostAcceptedAsync("/api/experiments", request))["id"]!.GetValue<Guid>();

    public async Task<JsonObject> GetAsync(string url) =>
        JsonNode.Parse(await http.GetStringAsync(new Uri(url, UriKind.Relative)))!.AsObject();

    /// <summary>Long-polls until final, failing the test after <paramref name="limit"/> (a hang guard, not a timing assertion).</summary>
    public async Task<JsonObject> WaitAsync(string url, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            var view = await GetAsync($"{url}?waitMs=10000");
            if (view["status"]!.GetValue<string>() is not ("queued" or "running"))
            {
                return view;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{url} did not finish: {view.ToJsonString()}");
        }
    }

    public Task<JsonObject> WaitAsync(Guid id) => WaitAsync($"/api/experiments/{id}");

    public static JsonObject Cell(JsonObject experiment, string executor, int workers) =>
        experiment["cells"]!.AsArray().Single(c => c!["executor"]!.GetValue<string>() == executor && c["workers"]!.GetValue<int>() == workers)!.AsObject();
}
