using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ConcurrencyService.Api.Tests;

/// <summary>
/// The acceptance path of a plugin author, offline: pack the SDK into a local feed, install the template, make a
/// project from it, build it against the packed SDK, and run its workload as a job on both executors.
/// </summary>
public sealed partial class PluginTemplateTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("plugin-template-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void Template_IsTheSdkReadmesFirstExample()
    {
        var readme = File.ReadAllText(Repository.PathOf("src", "Sdk", "README.md"));
        var example = FirstCSharpBlock().Match(readme).Groups[1].Value;
        var template = File.ReadAllText(Repository.PathOf("templates", "ConcurrencyService.Workloads.Template", "SumOfSquares.cs"));

        Assert.Equal(example.Replace("namespace Acme.Workloads;", "namespace Company.Workloads;", StringComparison.Ordinal).ReplaceLineEndings(), template.ReplaceLineEndings());
    }

    [Fact]
    public async Task NewProjectFromTemplate_BuiltAgainstThePackedSdk_RunsAsAPluginOnBothExecutors()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_work, "feed")).FullName;
        var hive = Path.Combine(_work, "hive");
        await DotnetAsync(_work, "pack", Repository.PathOf("src", "Sdk", "ConcurrencyService.Workloads.csproj"), "-c", Repository.Configuration, "--no-build", "-o", feed);
        await DotnetAsync(_work, "new", "install", Repository.PathOf("templates", "ConcurrencyService.Workloads.Template"), "--debug:custom-hive", hive);
        await DotnetAsync(_work, "new", "concurrencyservice-workload", "-n", "Acme.Workloads", "--debug:custom-hive", hive);
        var project = Path.Combine(_work, "Acme.Workloads");
        await File.WriteAllTextAsync(Path.Combine(_work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        await DotnetAsync(project, "build", "-c", "Release");

        var build = Path.Combine(project, "bin", "Release", "net10.0");
        await using var factory = ApiFactory.With(ProcessesApiFactory.Settings(("Workloads:Plugins:0", build)));
        var jobs = new JobsClient(factory.CreateApiClient());
        await ProcessesApiFactory.WaitUntilReadyAsync(jobs.Http);
        foreach (var executor in new[] { "threads", "processes" })
        {
            var job = await jobs.RunAsync(new { workload = "acme.squares", parameters = new { below = 1000 }, executor, tasks = 3 });

            Assert.True(JobsClient.Status(job) == "succeeded", job.ToJsonString());
            Assert.Equal(332_833_500L, job["result"]!["sum"]!.GetValue<long>()); // Σ i² for i < 1000
        }
    }

    private async Task DotnetAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Its own package folder: a cached SDK 1.0.0 from another build must not stand in for the one just packed.
        start.Environment["NUGET_PACKAGES"] = Path.Combine(_work, "packages");
        var (exitCode, output, error) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(5));
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)}: {output}{error}");
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex FirstCSharpBlock();
}
