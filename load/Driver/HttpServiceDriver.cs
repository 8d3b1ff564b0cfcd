using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Load.Driver;

/// <summary>
/// <see cref="IServiceDriver"/> over a plain <see cref="HttpClient"/> against the REST API. The only file that knows
/// the API's routes and JSON; it gives way to an adapter over the generated client SDK.
/// </summary>
public sealed class HttpServiceDriver(HttpClient http) : IServiceDriver
{
    public async Task<SubmitOutcome> SubmitJobAsync(
        string workload, IReadOnlyDictionary<string, object> parameters, string executor, int tasks, CancellationToken cancellationToken)
    {
        var request = new { workload, parameters, executor, tasks };
        using var response = await http.PostAsJsonAsync(new Uri("/api/jobs", UriKind.Relative), request, cancellationToken);
        var body = await ReadJsonAsync(response, cancellationToken);
        return response.StatusCode == HttpStatusCode.Accepted && body?["id"]?.GetValue<Guid>() is { } id
            ? new SubmitOutcome(id, (int)response.StatusCode, null)
            : new SubmitOutcome(null, (int)response.StatusCode, Problem(body));
    }

    public async Task<JobPoll> WaitForJobAsync(Guid jobId, int waitMs, CancellationToken cancellationToken)
    {
        var uri = new Uri(string.Create(CultureInfo.InvariantCulture, $"/api/jobs/{jobId}?waitMs={waitMs}"), UriKind.Relative);
        using var response = await http.GetAsync(uri, cancellationToken);
        var body = await ReadJsonAsync(response, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK || body?["status"]?.GetValue<string>() is not { } status)
        {
            throw new ServiceCallException("GET /api/jobs/{id}", (int)response.StatusCode, Problem(body));
        }

        return new JobPoll(
            status,
            body["error"]?["code"]?.GetValue<string>(),
            body["error"]?["message"]?.GetValue<string>(),
            body["timings"]?["queueWaitMs"]?.GetValue<double>(),
            body["timings"]?["runTimeMs"]?.GetValue<double>());
    }

    public async Task<IReadOnlyList<ExecutorWorkers>> GetExecutorsAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("/api/executors", UriKind.Relative), cancellationToken);
        var body = await ReadJsonAsync(response, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK || body is not JsonArray executors)
        {
            throw new ServiceCallException("GET /api/executors", (int)response.StatusCode, Problem(body));
        }

        return [.. executors.Select(e => new ExecutorWorkers(
            e!["name"]!.GetValue<string>(), e["available"]!.GetValue<bool>(), e["workerCount"]!.GetValue<int>()))];
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // not JSON (a proxy's error page): the status code says enough
        }
    }

    // ProblemDetails: the title says what, the detail says why.
    private static string? Problem(JsonNode? body) =>
        body is JsonObject problem ? problem["detail"]?.GetValue<string>() ?? problem["title"]?.GetValue<string>() : null;
}
