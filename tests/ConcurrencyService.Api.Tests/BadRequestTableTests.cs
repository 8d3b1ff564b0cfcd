using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace ConcurrencyService.Api.Tests;

/// <summary>Every request in <see cref="BadRequestTable"/> gets its 4xx as a ProblemDetails naming what was wrong: never a 500, never an empty body.</summary>
public sealed class BadRequestTableTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _http = factory.CreateApiClient();

    public static TheoryData<string> Cases => [.. BadRequestTable.All.Keys];

    [Fact]
    public void Table_HoldsAtLeast200DistinctRequests() => Assert.True(BadRequestTable.All.Count >= 200, $"{BadRequestTable.All.Count} cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Request_WithBadInput_ReturnsProblemNamingTheField(string name)
    {
        var bad = BadRequestTable.All[name];
        using var request = new HttpRequestMessage(new HttpMethod(bad.Method), new Uri(bad.Url, UriKind.Relative));
        if (bad.Body is not null || bad.ContentType is null && bad.Method == "POST")
        {
            request.Content = new ByteArrayContent(bad.BodyBytes());
            if (bad.ContentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(bad.ContentType);
            }
        }

        foreach (var (header, value) in bad.Headers)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(bad.Status == (int)response.StatusCode, $"{name}: expected {bad.Status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(bad.Status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["type"]?.GetValue<string>()), $"No type: {text}");
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()), $"No title: {text}");
        var named = problem["errors"] is JsonObject errors
            ? errors.ContainsKey(bad.Field)
            : problem["detail"]?.GetValue<string>().Contains(bad.Field, StringComparison.Ordinal) == true;
        Assert.True(named, $"{name}: the problem does not name '{bad.Field}': {text}");
    }
}
