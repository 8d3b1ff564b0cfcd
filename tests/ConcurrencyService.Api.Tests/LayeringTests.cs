using System.Text.RegularExpressions;

namespace ConcurrencyService.Api.Tests;

/// <summary>
/// A request travels API → Jobs → Queue → Executors → Workloads and never back: no layer's code names a layer above
/// it. The endpoint classes (<c>*Api.cs</c>) are the API layer wherever their folder is, and may use any layer.
/// </summary>
public sealed partial class LayeringTests
{
    public static TheoryData<string, string> Rules => new()
    {
        { "Executors", "Jobs" },
        { "Executors", "Queue" },
        { "Executors", "Experiments" },
        { "Queue", "Jobs" },
        { "Queue", "Experiments" },
        { "Jobs", "Experiments" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Layer_NamesNoLayerAboveIt(string layer, string above)
    {
        var offending = Directory.EnumerateFiles(Repository.PathOf("src", "Api", layer), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.EndsWith("Api.cs", StringComparison.Ordinal) && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => References(File.ReadAllText(file), above))
            .Select(file => Path.GetRelativePath(Repository.Root, file))
            .ToList();

        Assert.True(offending.Count == 0, $"{layer} must not use {above}, but these files do: {string.Join(", ", offending)}");
    }

    [Fact]
    public void Api_CrossesTheProcessBoundaryByTheProtocolOnly_NotTheWorkerHostsTypes()
    {
        var offending = Directory.EnumerateFiles(Repository.PathOf("src", "Api"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => Regex.IsMatch(Comments().Replace(File.ReadAllText(file), string.Empty), @"\bConcurrencyService\.WorkerHost\."))
            .Select(file => Path.GetRelativePath(Repository.Root, file))
            .ToList();

        Assert.True(offending.Count == 0, $"The API must speak the protocol (src/Workloads/Protocol) to the worker host, not use its types: {string.Join(", ", offending)}");
    }

    [Fact]
    public void Rule_SeesAReferenceInEachForm()
    {
        Assert.True(References("using ConcurrencyService.Api.Jobs;\nclass A;", "Jobs"));
        Assert.True(References("class A { ConcurrencyService.Api.Jobs.JobState s; }", "Jobs"));
        Assert.True(References("namespace ConcurrencyService.Api.Executors;\nclass A { Jobs.JobState s; }", "Jobs"));
        Assert.False(References("// Jobs.JobState is mentioned in a comment only\nclass A;", "Jobs"));
        Assert.False(References("class A { int Jobs = 1; }", "Jobs"));
    }

    private static bool References(string source, string layer)
    {
        var code = Comments().Replace(source, string.Empty);
        return Regex.IsMatch(code, $@"\busing\s+ConcurrencyService\.Api\.{layer}\b")
            || Regex.IsMatch(code, $@"(?<![\w.])(ConcurrencyService\.Api\.)?{layer}\.[A-Z]\w*");
    }

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();
}
