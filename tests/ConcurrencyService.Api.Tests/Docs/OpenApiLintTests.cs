using System.Diagnostics;

namespace ConcurrencyService.Api.Tests.Docs;

/// <summary>
/// The live OpenAPI document of a started service, linted by Redocly's CLI with the repository's <c>redocly.yaml</c>
/// (its recommended rules): any error fails. npx installs the pinned CLI on first use; Node.js 20 or later must be there.
/// </summary>
public sealed class OpenApiLintTests : IDisposable
{
    private const string Cli = "@redocly/cli@2.77.0";

    private readonly string _folder = Directory.CreateTempSubdirectory("openapi-lint-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task LiveDocument_LintedWithRecommendedRules_HasNoErrors()
    {
        await using var factory = new ApiFactory();
        using var http = factory.CreateApiClient();
        var document = Path.Combine(_folder, "openapi.json");
        await File.WriteAllTextAsync(document, await http.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)));

        var start = new ProcessStartInfo("npx") { WorkingDirectory = _folder };
        foreach (var argument in new[] { "--yes", Cli, "lint", document, "--config", Repository.PathOf("redocly.yaml"), "--format", "stylish" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_COLOR"] = "1";
        start.Environment["npm_config_update_notifier"] = "false";
        var (exitCode, output, error) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(5));

        Assert.True(exitCode == 0, $"npx {Cli} lint found errors in the live OpenAPI document (exit code {exitCode}):\n{output}\n{error}");
    }
}
