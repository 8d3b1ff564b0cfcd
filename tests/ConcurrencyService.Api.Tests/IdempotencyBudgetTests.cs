using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests;

/// <summary>
/// Each client has its own budget of <c>Idempotency:MaxKeys</c>: a client that submits many keyed jobs with long timeouts
/// (its keys kept longest) pushes out only its own oldest keys, never another client's, whose retry still gets its job.
/// </summary>
public sealed class IdempotencyBudgetTests
{
    private const string Patient = "patient-client-key-0123456789";
    private const string Busy = "busy-client-key-0123456789";

    [Fact]
    public async Task OneClientsManyKeys_NeverPushOutAnotherClientsKey()
    {
        await using var api = ApiFactory.With(new Dictionary<string, string?>
        {
            ["Auth:ApiKeys:0"] = Patient,
            ["Auth:ApiKeys:1"] = Busy,
            ["Idempotency:MaxKeys"] = "4",
        });
        using var http = api.CreateApiClient();
        const string body = """{"workload":"io.sleep","parameters":{"ms":1},"timeoutMs":1000}""";
        var first = await SubmitAsync(http, Patient, "patient-1", body);

        // The busy client's keys outlive the patient one's (a longer timeoutMs keeps them longer): a shared budget would drop the patient one first.
        for (var i = 0; i < 12; i++)
        {
            await SubmitAsync(http, Busy, $"busy-{i}", """{"workload":"io.sleep","parameters":{"ms":1},"timeoutMs":3600000}""");
        }

        var retry = await SubmitAsync(http, Patient, "patient-1", body);
        Assert.Equal(first.Id, retry.Id);
        Assert.True(retry.Replayed, "The patient client's retry created a second job.");

        // The busy client's own budget holds: its oldest keys went, its newest are still answered.
        Assert.True((await SubmitAsync(http, Busy, "busy-11", """{"workload":"io.sleep","parameters":{"ms":1},"timeoutMs":3600000}""")).Replayed);
        Assert.False((await SubmitAsync(http, Busy, "busy-0", """{"workload":"io.sleep","parameters":{"ms":1},"timeoutMs":3600000}""")).Replayed);
    }

    private static async Task<(Guid Id, bool Replayed)> SubmitAsync(HttpClient http, string apiKey, string idempotencyKey, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", apiKey);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {text}");
        return (JsonNode.Parse(text)!["id"]!.GetValue<Guid>(), response.Headers.Contains("Idempotent-Replayed"));
    }
}
