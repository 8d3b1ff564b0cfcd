using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using ConcurrencyService.Testing;

namespace ConcurrencyService.Client.Tests;

/// <summary>
/// src/Client packs as a NuGet package with its metadata, XML docs and readme. It packs the build the suite already made
/// (same configuration, <c>--no-build</c>): what is checked is the package's shape, which a second compile would not change.
/// </summary>
public sealed class PackageTests
{
    [Fact]
    public async Task Pack_MakesAPackageWithVersionDescriptionDocsAndReadme()
    {
        var output = Directory.CreateTempSubdirectory("client-pack-").FullName;
        try
        {
            var pack = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { "pack", Repository.PathOf("src", "Client", "ConcurrencyService.Client.csproj"), "-c", Repository.Configuration, "--no-build", "-o", output },
            };
            var (exitCode, log, error) = await ChildProcess.RunAsync(pack, TimeSpan.FromMinutes(5));
            Assert.True(exitCode == 0, log + error);

            using var package = ZipFile.OpenRead(Assert.Single(Directory.GetFiles(output, "ConcurrencyService.Client.*.nupkg")));
            var entries = package.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("lib/net10.0/ConcurrencyService.Client.dll", entries);
            Assert.Contains("lib/net10.0/ConcurrencyService.Client.xml", entries);
            Assert.Contains("README.md", entries);
            await using var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
            var metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
            Assert.Equal("ConcurrencyService.Client", Value("id"));
            Assert.Matches(@"^\d+\.\d+\.\d+", Value("version"));
            Assert.Contains("ConcurrencyService", Value("description"), StringComparison.Ordinal);
            Assert.Equal("README.md", Value("readme"));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
