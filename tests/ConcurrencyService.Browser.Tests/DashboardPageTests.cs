using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ConcurrencyService.Browser.Tests;

/// <summary>The dashboard in a real browser against the real app: what a user sees, waited for element by element.</summary>
public sealed class DashboardPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Dashboard_ShowsBothExecutorsWithTheirWorkers_AndASubmittedJobWithItsTimings()
    {
        var page = await fixture.OpenDashboardAsync();

        await Expect(page.Locator(".executor[data-executor='threads'] tr[data-worker]")).ToHaveCountAsync(2);
        // Worker processes appear once the worker host has started them.
        await Expect(page.Locator(".executor[data-executor='processes'] tr[data-worker][data-state='idle']")).ToHaveCountAsync(2);
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");

        using var http = fixture.Server.CreateClient();
        using var submitted = await http.PostAsJsonAsync(
            new Uri("/api/jobs", UriKind.Relative),
            new { workload = "cpu.primes", parameters = new { below = 200_000 }, executor = "processes", tasks = 2 });
        var id = (await submitted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var row = page.Locator($"#jobs tr[data-job-id='{id}'][data-status='succeeded']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.Locator("td[data-field='runTime']")).ToHaveTextAsync(new Regex(@"\d+(\.\d+)? m?s"));
        await Expect(row.Locator("td[data-field='queueWait']")).ToHaveTextAsync(new Regex(@"\d"));
        await Expect(page.Locator(".executor[data-executor='processes'] [data-stat='outcomes'] .value")).ToHaveTextAsync(new Regex(@"^[1-9]\d* ·")); // succeeded ≥ 1
        await Expect(page.Locator(".executor[data-executor='processes'] tr[data-worker] td").Filter(new LocatorFilterOptions { HasText = "MB" })).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "dashboard-job.png"), FullPage = true });
    }

    [Fact]
    public async Task PresetStartedFromThePage_ShowsItsProgress_AndEndsWithItsChartAndTheClaimsTable()
    {
        var page = await fixture.OpenDashboardAsync();
        using var http = fixture.Server.CreateClient();
        foreach (var executor in new[] { "threads", "processes" })
        {
            // A job on each executor, so the screenshot shows the jobs table too.
            using var submitted = await http.PostAsJsonAsync(
                new Uri("/api/jobs", UriKind.Relative),
                new { workload = "cpu.primes", parameters = new { below = 300_000 }, executor, tasks = 2 });
            submitted.EnsureSuccessStatusCode();
        }

        await page.Locator("#preset").SelectOptionAsync("primes-pool");
        await page.Locator("#size").SelectOptionAsync("small");

        await page.Locator("#start").ClickAsync();

        await Expect(page.Locator("#start-message")).ToContainTextAsync("started primes-pool");
        var experiment = page.Locator(".experiment[data-preset='primes-pool']").First;
        await Expect(experiment.Locator("[role='progressbar']")).ToBeVisibleAsync();
        // The small preset takes seconds to a minute or two on a busy machine; this bound only guards against a hang.
        await Expect(experiment).ToHaveAttributeAsync("data-status", "succeeded", new LocatorAssertionsToHaveAttributeOptions { Timeout = 300_000 });
        var chart = experiment.Locator("img.chart");
        await Expect(chart).ToBeVisibleAsync();
        await page.WaitForFunctionAsync(
            "() => { const img = document.querySelector(\".experiment[data-preset='primes-pool'] img.chart\"); return img && img.complete && img.naturalWidth > 0; }");
        await Expect(page.Locator("#claims-panel")).ToBeVisibleAsync();
        await Expect(page.Locator("#claims tr[data-claim]").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "dashboard.png"), FullPage = true });
    }

    [Fact]
    public async Task AdviceAskedFromThePage_ShowsBothRecommendationsTheCurveAndTheNotes()
    {
        var page = await fixture.OpenDashboardAsync();
        await Expect(page.Locator("#advise-workload option[value='cpu.primes']")).ToHaveCountAsync(1);
        await page.Locator("#advise-workload").SelectOptionAsync("cpu.primes");
        await page.Locator("#advise-budget").FillAsync("30");

        await page.Locator("#advise-start").ClickAsync();

        var advice = page.Locator("#advice");
        // The calibration keeps its 30 s budget give or take a busy machine; this bound only guards against a hang.
        await Expect(advice).ToHaveAttributeAsync("data-status", "succeeded", new LocatorAssertionsToHaveAttributeOptions { Timeout = 180_000 });
        await Expect(advice.Locator("[data-runtime='.NET'] .badge")).ToHaveTextAsync(new Regex("^(threads|processes|either|inconclusive)$"));
        await Expect(advice.Locator("[data-runtime='Under a GIL'] li").First).ToBeVisibleAsync();
        await Expect(advice.Locator("table[data-curve] tbody tr").First).ToContainTextAsync("threads");
        await Expect(advice.Locator("li").Filter(new LocatorFilterOptions { HasTextRegex = new Regex("^Measured ") })).ToHaveCountAsync(1);
        await Expect(page.Locator("#advise-message")).ToContainTextAsync("cpu.primes: succeeded");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "dashboard-advice.png"), FullPage = true });
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
