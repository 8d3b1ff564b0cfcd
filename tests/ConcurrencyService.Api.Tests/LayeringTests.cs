using System.Reflection;
using System.Text.RegularExpressions;
using ConcurrencyService.Core.Jobs;
using ConcurrencyService.Experiments;

namespace ConcurrencyService.Api.Tests;

/// <summary>
/// The projects make most of the architecture a compile error: the web host (src/Api) references the experiments library,
/// which references the core, which references the workloads; the worker host is referenced for its output only. What
/// project references cannot say is checked here: inside the core, a request travels Jobs → Queue → Executors and never
/// back; and the libraries map no endpoints (HTTP is the web host's).
/// </summary>
public sealed partial class LayeringTests
{
    public static TheoryData<string, string> CoreRules => new()
    {
        { "Executors", "Jobs" },
        { "Executors", "Queue" },
        { "Queue", "Jobs" },
    };

    [Theory]
    [MemberData(nameof(CoreRules))]
    public void CoreLayer_NamesNoLayerAboveIt(string layer, string above)
    {
        var offending = Directory.EnumerateFiles(Repository.PathOf("src", "Core", layer), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => References(File.ReadAllText(file), above))
            .Select(file => Path.GetRelativePath(Repository.Root, file))
            .ToList();

        Assert.True(offending.Count == 0, $"{layer} must not use {above}, but these files do: {string.Join(", ", offending)}");
    }

    public static TheoryData<string> Libraries => new() { typeof(JobState).Assembly.GetName().Name!, typeof(Experiment).Assembly.GetName().Name! };

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Library_MapsNoEndpoints_ItsAssemblyReferencesNoHttpPipeline(string library)
    {
        // The core reads the server's bound addresses (the io.http allowlist's own echo endpoint); nothing else of ASP.NET Core.
        string[] allowed = ["Microsoft.AspNetCore.Hosting.Server.Abstractions", "Microsoft.AspNetCore.Http.Features"];
        var assembly = Assembly.Load(library);
        var http = assembly.GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(n => n.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal) && !allowed.Contains(n))
            .ToList();

        Assert.True(http.Count == 0, $"{library} must leave HTTP to the web host, but references {string.Join(", ", http)}.");
    }

    [Fact]
    public void WebHost_DoesNotCompileAgainstTheWorkerHost()
    {
        var references = typeof(Program).Assembly.GetReferencedAssemblies().Select(r => r.Name).ToList();

        Assert.DoesNotContain("ConcurrencyService.WorkerHost", references);
        Assert.DoesNotContain("ConcurrencyService.Worker", references);
    }

    [Fact]
    public void Sdk_IsOneNamespaceOnTheFrameworkAlone()
    {
        var sdk = typeof(ConcurrencyService.Workloads.Workload<,,>).Assembly;

        Assert.Equal("ConcurrencyService.Workloads", sdk.GetName().Name);
        Assert.All(sdk.GetReferencedAssemblies(), r => Assert.True(r.Name!.StartsWith("System.", StringComparison.Ordinal), $"The SDK references {r.Name}."));
        Assert.All(sdk.GetExportedTypes(), t => Assert.Equal("ConcurrencyService.Workloads", t.Namespace));
    }

    [Fact]
    public void Rule_SeesAReferenceInEachForm()
    {
        Assert.True(References("using ConcurrencyService.Core.Jobs;\nclass A;", "Jobs"));
        Assert.True(References("class A { ConcurrencyService.Core.Jobs.JobState s; }", "Jobs"));
        Assert.True(References("namespace ConcurrencyService.Core.Executors;\nclass A { Jobs.JobState s; }", "Jobs"));
        Assert.False(References("// Jobs.JobState is mentioned in a comment only\nclass A;", "Jobs"));
        Assert.False(References("class A { int Jobs = 1; }", "Jobs"));
    }

    private static bool References(string source, string layer)
    {
        var code = Comments().Replace(source, string.Empty);
        return Regex.IsMatch(code, $@"\busing\s+ConcurrencyService\.Core\.{layer}\b")
            || Regex.IsMatch(code, $@"(?<![\w.])(ConcurrencyService\.Core\.)?{layer}\.[A-Z]\w*");
    }

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();
}
