using System.Diagnostics;

namespace ConcurrencyService.Api.Tests.Docs;

/// <summary>
/// The live OpenAPI document of a started service, linted by Redocly's CLI with the repository's <c>redocly.yaml</c>
/// (its recommended rules): any error fails. npx installs the pinned CLI on first use: 2.77.0 on Node.js 20.19 or later,
/// else the 1.x line's last (1.34.20, Node.js 18.17 or later), so Debian 12's own nodejs runs it too.
/// </summary>
public sealed class OpenApiLintTests : IDisposable
{

    private readonly string _folder = Directory.CreateTempSubdirectory("openapi-lint-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task LiveDocument_LintedWithRecommendedRules_HasNoErrors()
    {
        await using var factory = new ApiFactory();
        using var http = factory.CreateApiClient();
        var document = Path.Combine(_folder, "openapi.json");
        await File.WriteAllTextAsync(document, await http.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)));

        var cli = await NodeAtLeastAsync(new Version(20, 19)) ? "@redocly/cli@2.77.0" : "@redocly/cli@1.34.20";
        var start = new ProcessStartInfo("npx") { WorkingDirectory = _folder };
        foreach (var argument in new[] { "--yes", cli, "lint", document, "--config", Repository.PathOf("redocly.yaml"), "--format", "stylish" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_COLOR"] = "1";
        start.Environment["npm_config_update_notifier"] = "false";
        var (exitCode, output, error) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(5));

        Assert.True(exitCode == 0, $"npx {cli} lint found errors in the live OpenAPI document (exit code {exitCode}):\n{output}\n{error}");
    }

    private static async Task<bool> NodeAtLeastAsync(Version minimum)
    {
        var (exitCode, output, _) = await ChildProcess.RunAsync(new ProcessStartInfo("node", "--version"), TimeSpan.FromMinutes(1));
        return exitCode == 0 && Version.TryParse(output.Trim().TrimStart('v'), out var version) && version >= minimum;
    }
}
