using System.Net;
using System.Text.RegularExpressions;

namespace ConcurrencyService.Api.Tests;

/// <summary>
/// Hangfire's dashboard as its own pages use it: a client that keeps cookies reads a page, takes the antiforgery token
/// from the page's <c>csrf-header</c>/<c>csrf-token</c> meta tags, and sends it with the dashboard's POST, from the
/// dashboard's own origin, as the page's script does.
/// </summary>
internal sealed partial class HangfireDashboardBrowser(Uri baseAddress) : IDisposable
{
    private readonly HttpClientHandler _handler = new() { CookieContainer = new CookieContainer() };
    private HttpClient? _http;

    public HttpClient Http => _http ??= new HttpClient(_handler) { BaseAddress = baseAddress };

    /// <summary>POSTs the form to one of the dashboard's actions (e.g. <c>/hangfire/jobs/actions/requeue/7</c>) with the token a dashboard page gave.</summary>
    public async Task<HttpResponseMessage> PostAsync(string action, IEnumerable<KeyValuePair<string, string>> form)
    {
        var page = await Http.GetStringAsync(new Uri("/hangfire/jobs/enqueued", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(form) };
        request.Headers.TryAddWithoutValidation(Meta(page, "csrf-header"), Meta(page, "csrf-token"));
        request.Headers.TryAddWithoutValidation("Origin", baseAddress.GetLeftPart(UriPartial.Authority));
        return await Http.SendAsync(request);
    }

    public void Dispose()
    {
        _http?.Dispose();
        _handler.Dispose();
    }

    private static string Meta(string page, string name)
    {
        var match = MetaTag().Matches(page).FirstOrDefault(m => m.Groups["name"].Value == name);
        Assert.True(match is not null, $"The dashboard page has no <meta name=\"{name}\">.");
        return WebUtility.HtmlDecode(match.Groups["content"].Value);
    }

    [GeneratedRegex("""<meta name="(?<name>[^"]+)" content="(?<content>[^"]*)"\s*/?>""")]
    private static partial Regex MetaTag();
}
