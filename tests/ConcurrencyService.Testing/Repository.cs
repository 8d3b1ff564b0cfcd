namespace ConcurrencyService.Testing;

/// <summary>The repository these binaries were built from, found by walking up from them.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

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
