namespace ConcurrencyService.Api.Tests;

/// <summary>A configured plugin that cannot be served stops the start with a message naming the file and the reason.</summary>
public sealed class PluginRefusalTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("plugin-refusals-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void Start_WithAMissingPath_FailsNamingIt() =>
        AssertRefused([Path.Combine(_scratch, "nowhere")], Path.Combine(_scratch, "nowhere"), "no such file or folder");

    [Fact]
    public void Start_WithAFileThatIsNotAnAssembly_FailsNamingIt()
    {
        var fake = Path.Combine(_scratch, "Fake.dll");
        File.WriteAllText(fake, "not a portable executable");
        var text = Path.Combine(_scratch, "notes.txt");
        File.WriteAllText(text, "hello");

        AssertRefused([fake], fake, "not a .NET assembly");
        AssertRefused([text], text, "not an assembly");
    }

    [Fact]
    public void Start_WithAPluginMissingADependency_FailsNamingTheDependency()
    {
        // The sample's build without ImageSharp beside it: its .deps.json names a file that is not there.
        var folder = Directory.CreateDirectory(Path.Combine(_scratch, "samples")).FullName;
        foreach (var file in Directory.EnumerateFiles(PluginPaths.Samples).Where(f => !Path.GetFileName(f).StartsWith("SixLabors", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        AssertRefused([folder], "ConcurrencyService.Samples.Workloads.dll", "its dependency SixLabors.ImageSharp");
    }

    [Fact]
    public void Start_WithAnAssemblyWithoutWorkloads_FailsSayingSo()
    {
        var library = Path.Combine(AppContext.BaseDirectory, "ConcurrencyService.Testing.dll");

        AssertRefused([library], library, "no workload type");
    }

    [Fact]
    public void Start_WithAPluginBuiltAgainstAnotherSdkMajor_FailsNamingBothVersions()
    {
        var plugin = Path.Combine(_scratch, "Acme.Future.dll");
        FutureSdkPlugin.Write(plugin, sdkVersion: new Version(2, 0, 0, 0));

        AssertRefused([plugin], plugin, "it was built against SDK 2.0.0.0; this host loads SDK major version 1 only");
    }

    [Theory]
    [InlineData("ClashingWorkload", "'cpu.primes' clashes with the built-in workload")]
    [InlineData("MisnamedWorkload", "'Acme Resize!', which is not a valid dotted name")]
    [InlineData("ThrowingConstructorWorkload", "threw InvalidOperationException: the licence file is missing")]
    public void Start_WithABadWorkloadType_FailsNamingTheFileAndReason(string asset, string reason) =>
        AssertRefused([PluginPaths.Asset(asset)], $"{asset}.dll", reason);

    [Fact]
    public void Start_WithTwoPluginsOfferingOneName_FailsNamingBoth()
    {
        var copy = Directory.CreateDirectory(Path.Combine(_scratch, "copy")).FullName;
        foreach (var file in Directory.EnumerateFiles(PluginPaths.Samples))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        AssertRefused([PluginPaths.Samples, copy], copy, $"clashes with the workload in '{Path.Combine(PluginPaths.Samples, "ConcurrencyService.Samples.Workloads.dll")}'");
    }

    private static void AssertRefused(string[] plugins, string named, string reason)
    {
        var settings = plugins.Select((p, i) => (Key: $"Workloads:Plugins:{i}", Value: (string?)p)).ToDictionary(s => s.Key, s => s.Value);
        using var factory = ApiFactory.With(settings);

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient()).ToString();

        Assert.Contains(named, failure, StringComparison.Ordinal);
        Assert.Contains(reason, failure, StringComparison.Ordinal);
    }
}
