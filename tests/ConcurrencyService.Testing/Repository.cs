using System.Reflection;

namespace ConcurrencyService.Testing;

/// <summary>The repository these binaries were built from, found by walking up from them.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>
    /// The configuration (<c>Debug</c>, <c>Release</c>) the tests were built in, and with them every project of the
    /// solution: a test that packs or runs a project's build can take it as it is (<c>--no-build</c>) instead of
    /// compiling it again.
    /// </summary>
    public static string Configuration { get; } =
        typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
            ?? throw new InvalidOperationException("The test-support assembly has no AssemblyConfiguration attribute.");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ConcurrencyService.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("No ConcurrencyService.sln above the binaries' folder.");
    }
}
