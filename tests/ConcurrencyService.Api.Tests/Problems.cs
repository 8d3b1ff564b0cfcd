namespace ConcurrencyService.Api.Tests;

internal static class Problems
{
    /// <summary>Sends a body-less request and asserts the answer is a ProblemDetails with this status whose text holds the fragment.</summary>
    public static async Task AssertAsync(HttpClient http, string method, string url, int status, string fragment)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
        using var response = await http.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(fragment, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
